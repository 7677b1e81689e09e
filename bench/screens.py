#!/usr/bin/env python3
"""Time to switch screens in Prep Hub, with OpenGL compositing and with WebKit's software path
(`make bench-screens`, release build).

The app is driven through tauri-driver. Inside the page, each screen is opened by its route and
timed from the change of `location.hash` until the screen is in the DOM, no backend call is
pending and two frames have been drawn: what a user waits for after a click in the sidebar. Seven
screens, six rounds per session (the first round, which loads each screen's module, is left
out), sessions alternating between the two modes so that the machine's drift hits both alike.

Prep Hub chooses the software path itself on a machine without a GPU render node
(src-tauri/src/compositing.rs); this script sets the variable either way to compare the two.

    python3 bench/screens.py [--sessions 4] [--no-build]
"""

import argparse
import http.client
import json
import statistics
import tempfile
from pathlib import Path

import startup

SCREENS = ["library", "hub", "practice", "planner", "progress", "packs", "settings"]
MODES = {"opengl": "0", "software": "1"}
# The first round loads each screen's module and is not counted.
ROUNDS = 6
# Rounds asked again after a dropped connection (see session).
DROPPED = [0]

# One round: every screen once, in order. A round per call keeps each WebDriver request short.
SWITCH_ROUND = """const done = arguments[0]; const screens = %s; const out = {};
  const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const until = (f) => new Promise((r) => { (function w() { f() ? r() : setTimeout(w, 1); })(); });
  (async () => {
    for (const screen of screens) {
      const t0 = performance.now();
      location.hash = '#/' + screen;
      await until(() => document.querySelector('.screen-host[data-screen=' + screen + ']')
        && (document.body.dataset.pending || '0') === '0');
      await frames();
      out[screen] = performance.now() - t0;
    }
    done(out);
  })();"""


def session(display, home, mode_value, log):
    """Milliseconds per screen switch, by screen, in one app session; tauri-driver's and the
    app's messages go to the file `log`."""
    driver, run = startup.driver_session(display, Path(home) / "data",
                                         {"WEBKIT_DISABLE_COMPOSITING_MODE": mode_value}, log)
    try:
        times = {}
        for round_no in range(ROUNDS):
            # Now and then the connection to tauri-driver closes without an answer while the app,
            # WebKitWebDriver and the driver all still run (in both modes); the round is asked
            # again, and the report counts how often.
            for attempt in range(3):
                try:
                    result = run(SWITCH_ROUND % json.dumps(SCREENS))
                    break
                except http.client.RemoteDisconnected:
                    DROPPED[0] += 1
                    if attempt == 2:
                        raise
            if round_no > 0:
                for screen, ms in result.items():
                    times.setdefault(screen, []).append(ms)
        return times
    finally:
        startup.stop(driver)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sessions", type=int, default=4)
    ap.add_argument("--no-build", action="store_true")
    args = ap.parse_args()
    if not args.no_build:
        startup.build()
    display, xvfb = startup.display_or_xvfb(":96")
    times = {mode: {} for mode in MODES}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for i in range(args.sessions):
                order = list(MODES) if i % 2 == 0 else list(reversed(MODES))
                for mode in order:
                    home = Path(tmp) / f"{mode}-{i}"
                    home.mkdir()
                    log_path = home / "driver.log"
                    with open(log_path, "wb") as log:
                        try:
                            result = session(display, home, MODES[mode], log)
                        except OSError as e:
                            # Said, not hidden: a session that ends early is a finding too.
                            tail = log_path.read_text(errors="replace")[-2000:]
                            print(f"session {i + 1} ({mode}) ended early: {e!r}; "
                                  f"tauri-driver and the app said: {tail or 'nothing'}", flush=True)
                            continue
                    for screen, ms in result.items():
                        times[mode].setdefault(screen, []).extend(ms)
    finally:
        if xvfb:
            xvfb.terminate()
    print(f"Screen switch, route change to two frames drawn, {args.sessions} sessions per mode "
          f"(median ms, p95; ratio = software / OpenGL); rounds asked again: {DROPPED[0]}")
    for screen in SCREENS:
        gl, sw = times["opengl"].get(screen), times["software"].get(screen)
        if not gl or not sw:
            print(f"  {screen:9} no figures: every session of a mode ended early")
            continue
        print(f"  {screen:9} opengl {statistics.median(gl):6.1f} ({startup.percentile(gl, .95):6.1f})"
              f"   software {statistics.median(sw):6.1f} ({startup.percentile(sw, .95):6.1f})"
              f"   ratio {statistics.median(sw) / statistics.median(gl):.2f}")


if __name__ == "__main__":
    main()
