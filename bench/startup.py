#!/usr/bin/env python3
"""Start-up time and memory of Prep Hub beside an empty Tauri 2 window (`make bench-startup`).

Both apps are release builds with the same profile; each creates a ready file when its first
screen has painted (Prep Hub: the Library with its first role; the empty window: its page), the
time from spawning the process to that file appearing is the start-up time. Runs alternate
between the two apps (A B, B A, ...) so that the machine's drift hits both alike, and every
figure is also given as a ratio to the empty window measured in the same run.

  first start  a fresh data folder and fresh WebKit caches (Prep Hub installs its built-in packs)
  later start  the same folders again

Memory is the proportional set size (PSS, /proc/PID/smaps_rollup) of the app and every process
it started (WebKit's web and network processes), after the first screen, and for Prep Hub also
after a 200-question practice session driven through the real UI with tauri-driver.

    python3 bench/startup.py [--runs 10] [--no-build] [--skip-practice]
"""

import argparse
import gzip
import http.client
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PREP_HUB = ROOT / "target" / "release" / "prep-hub"
EMPTY_DIR = ROOT / "bench" / "empty-window"
EMPTY = EMPTY_DIR / "target" / "release" / "empty-window"
TIMEOUT = 60


def build():
    subprocess.run(["cargo", "build", "--release", "-p", "prep-hub"], cwd=ROOT, check=True)
    subprocess.run(["cargo", "build", "--release"], cwd=EMPTY_DIR, check=True)


def descendants(pid):
    """pid and every process below it."""
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
            ppid = int(stat[stat.rindex(")") + 2:].split()[1])
            children.setdefault(ppid, []).append(int(entry))
        except (OSError, ValueError):
            continue
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


def pss_by_process(pid):
    """{process name: PSS in MiB} for the tree under pid."""
    out = {}
    for p in descendants(pid):
        try:
            with open(f"/proc/{p}/comm") as f:
                name = f.read().strip()
            with open(f"/proc/{p}/smaps_rollup") as f:
                kb = next(int(l.split()[1]) for l in f if l.startswith("Pss:"))
        except (OSError, StopIteration):
            continue
        key = "app" if p == pid else name
        out[key] = out.get(key, 0) + kb / 1024
    return out


def stop(proc):
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=10)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait()


def start_once(binary, home, args, display, extra_env):
    """Seconds from spawn to the ready file, and the PSS of the tree at that moment."""
    ready = Path(home) / "ready"
    ready.unlink(missing_ok=True)
    env = dict(os.environ, DISPLAY=display, HOME=str(home),
               XDG_DATA_HOME=str(Path(home) / "data"), XDG_CACHE_HOME=str(Path(home) / "cache"),
               XDG_CONFIG_HOME=str(Path(home) / "config"), PREP_HUB_READY_FILE=str(ready),
               **extra_env)
    t0 = time.monotonic()
    proc = subprocess.Popen([str(binary), *args], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        # Measuring, not waiting for a result: the poll interval is the timing's resolution.
        while not ready.exists():
            if proc.poll() is not None:
                raise RuntimeError(f"{binary.name} exited with {proc.returncode} before its first paint")
            if time.monotonic() - t0 > TIMEOUT:
                raise RuntimeError(f"{binary.name} did not paint within {TIMEOUT} s")
            time.sleep(0.001)
        elapsed = time.monotonic() - t0
        pss = pss_by_process(proc.pid)
    finally:
        stop(proc)
    return elapsed, pss


def display_or_xvfb(number):
    """The X display to use: $DISPLAY, or an Xvfb started on `number` (returned to terminate)."""
    display = os.environ.get("DISPLAY")
    if display:
        return display, None
    xvfb = subprocess.Popen(["Xvfb", number, "-screen", "0", "1400x900x24"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1)  # a benchmark's set-up, not a test: Xvfb accepts clients within this
    return number, xvfb


def percentile(values, p):
    values = sorted(values)
    k = (len(values) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def webdriver(port, method, path, body=None):
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", method=method,
                                 data=json.dumps(body).encode() if body is not None else None,
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=120) as r:
        return json.loads(r.read() or b"{}").get("value")


def practice_pack(n):
    """A pack with one role of n questions, for a long practice session."""
    q = [{"id": f"q{i}", "round": "tech", "focus_area": "depth",
          "prompt": f"Practice question {i}: explain trade-off number {i} in your last system.",
          "answer": {"summary": f"Answer {i}: name the trade-off, the numbers, the choice.",
                     "structure": ["Context.", "Options.", "Choice and why."]},
          "example": "A short example.", "follow_ups": ["Why?"], "skills": ["judgment"],
          "difficulty": "intermediate", "minutes": 10} for i in range(n)]
    return {"format_version": 1, "id": "bench.practice", "version": "1.0.0", "title": "Bench practice",
            "language": "en", "authors": ["Bench"], "license": "CC0-1.0", "sources": [],
            "roles": [{"id": "bench-role", "title": "Bench role", "level": "Senior", "field": "Engineering",
                       "summary": "For the memory benchmark.", "overview": "Generated.",
                       "focus_areas": [{"id": "depth", "name": "Depth", "weight": 100, "expectation": "Depth."}],
                       "rounds": [{"id": "tech", "name": "Technical", "purpose": "Depth.", "minutes": 60,
                                   "assesses": ["depth"], "focus_areas": ["depth"]}],
                       "questions": q, "mock_flows": [], "star_examples": [], "checklist": [], "faq": [],
                       "related_roles": []}]}


def driver_session(display, data_dir, extra_env=None, log=subprocess.DEVNULL):
    """Starts tauri-driver and a WebDriver session on Prep Hub with `data_dir`, and waits for
    its first screen. Returns the driver (end it with `stop`) and `run(script)`, which runs an
    async script (it calls `arguments[0]` with its result; up to 600 s) and returns the result.
    tauri-driver's and the app's messages go to `log`."""
    port, native = free_port(), free_port()
    env = dict(os.environ, DISPLAY=display, **(extra_env or {}))
    driver = subprocess.Popen(["tauri-driver", "--port", str(port), "--native-port", str(native)],
                              env=env, stdout=subprocess.DEVNULL, stderr=log,
                              start_new_session=True)
    try:
        caps = {"capabilities": {"alwaysMatch": {"browserName": "wry", "tauri:options": {
            "application": str(PREP_HUB), "args": ["--data-dir", str(data_dir)]}}}}
        deadline = time.monotonic() + TIMEOUT
        # tauri-driver listens before WebKitWebDriver behind it does: ask again until it answers.
        while True:
            try:
                session = webdriver(port, "POST", "/session", caps)["sessionId"]
                break
            except (OSError, http.client.HTTPException):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        # A 200-rating session takes longer than WebDriver's default 30 s script timeout.
        webdriver(port, "POST", f"/session/{session}/timeouts", {"script": 600_000})
        run = lambda script: webdriver(port, "POST", f"/session/{session}/execute/async",
                                       {"script": script, "args": []})
        run("const done = arguments[0]; (function wait() { document.body.dataset.ready ? done(1) : setTimeout(wait, 20); })();")
        return driver, run
    except BaseException:
        stop(driver)
        raise


def practice_memory(display, home, ratings=200):
    """PSS of Prep Hub's tree after its first screen and after `ratings` ratings in the UI."""
    pack = Path(home) / "practice.prep.json"
    pack.write_text(json.dumps(practice_pack(ratings + 10)))
    driver, run = driver_session(display, Path(home) / "prep-hub-data")
    try:
        app_pid = next(p for p in descendants(driver.pid) if open(f"/proc/{p}/comm").read().strip() == "prep-hub")
        first = pss_by_process(app_pid)
        run(f"""const done = arguments[0];
            window.__TAURI__.core.invoke('import_pack_file', {{ path: {json.dumps(str(pack))}, reinstall: false }})
              .then(() => {{ location.hash = '#/practice/bench-role'; done(1); }}, e => done(String(e.message)));""")
        result = run(f"""const done = arguments[0]; let rated = 0;
            const step = () => {{
              const start = document.getElementById('practice-start');
              if (start) {{ start.click(); return setTimeout(step, 30); }}
              const reveal = document.getElementById('pq-reveal');
              const good = document.querySelector('#pq-rating button[data-rating="3"]');
              if (reveal && !reveal.disabled && reveal.offsetParent) {{ reveal.click(); return setTimeout(step, 10); }}
              if (good && !good.disabled) {{ good.click(); rated += 1; if (rated >= {ratings}) return done(rated); }}
              setTimeout(step, 10);
            }};
            step();""")
        if result != ratings:
            raise RuntimeError(f"the practice session stopped after {result} ratings")
        # The last screen settled: no backend call pending and two frames drawn.
        run("""const done = arguments[0];
            (function wait() { (document.body.dataset.pending || '0') === '0'
              ? requestAnimationFrame(() => requestAnimationFrame(() => done(1))) : setTimeout(wait, 20); })();""")
        after = pss_by_process(app_pid)
        return first, after
    finally:
        stop(driver)


def chooses_software():
    """What Prep Hub decides at start (src-tauri/src/compositing.rs): software compositing when
    the user set nothing and /dev/dri has no render node."""
    if "WEBKIT_DISABLE_COMPOSITING_MODE" in os.environ:
        return os.environ["WEBKIT_DISABLE_COMPOSITING_MODE"] != "0"
    try:
        return not any(n.startswith("renderD") for n in os.listdir("/dev/dri"))
    except OSError:
        return True


def sizes():
    """Release binary of each app, and its gzip -6 size (a .deb's payload is gzip); the .deb
    itself too when `make bundle` has made one."""
    print("Size")
    for name, binary in (("empty", EMPTY), ("prep-hub", PREP_HUB)):
        data = binary.read_bytes()
        packed = len(gzip.compress(data, compresslevel=6))
        goals = " (goals: under 8 MB; a .deb under 4 MiB)" if name == "prep-hub" else ""
        print(f"  {name:8} release binary {len(data) / 1e6:5.1f} MB, gzip -6 {packed / 2**20:4.1f} MiB{goals}")
    for deb in sorted((ROOT / "target" / "release" / "bundle" / "deb").glob("*.deb")):
        print(f"  {deb.name}: {deb.stat().st_size / 2**20:.1f} MiB (goal under 4)")


def report(args, apps, times, pss):
    print()
    sizes()
    mode = "software (no GPU render node)" if chooses_software() else "OpenGL (a GPU render node)"
    print(f"Prep Hub, started as a user starts it on this machine, composites with: {mode}")
    print(f"Start-up, {args.runs} rotating runs (ms; ratio = Prep Hub / the empty window in the same mode)")
    for kind, goal in (("first", 1.3), ("later", 1.15)):
        for app, ref in (("prep-hub", "empty"), ("prep-hub-sw", "empty-sw")):
            p, e = times[(app, kind)], times[(ref, kind)]
            mp, me = statistics.median(p), statistics.median(e)
            print(f"  {kind:5} start  {app:11} median {mp * 1000:6.0f}  p95 {percentile(p, .95) * 1000:6.0f}"
                  f"   {ref:8} median {me * 1000:6.0f}  p95 {percentile(e, .95) * 1000:6.0f}"
                  f"   ratio {mp / me:.2f} (goal at most {goal})")
    print()
    print("Memory after the first screen, PSS in MiB (median of the later starts)")
    for name in apps:
        parts = pss[(name, "later")]
        keys = sorted({k for m in parts for k in m})
        medians = {k: statistics.median(m.get(k, 0) for m in parts) for k in keys}
        total = statistics.median(sum(m.values()) for m in parts)
        print(f"  {name:8} total {total:6.1f}  " + "  ".join(f"{k} {v:.1f}" for k, v in medians.items()))
    for app, ref in (("prep-hub", "empty"), ("prep-hub-sw", "empty-sw")):
        p_total = statistics.median(sum(m.values()) for m in pss[(app, "later")])
        e_total = statistics.median(sum(m.values()) for m in pss[(ref, "later")])
        print(f"  {app} minus {ref}: {p_total - e_total:+.1f} MiB (goal at most +25)")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--skip-practice", action="store_true")
    args = ap.parse_args()
    if not args.no_build:
        build()
    display, xvfb = display_or_xvfb(":97")
    # Both apps compositing with OpenGL (WebKit's default; without a GPU that is Mesa's
    # llvmpipe), and both with WebKit's software path ("-sw"). Prep Hub picks the software path
    # itself when the machine has no GPU render node (src-tauri/src/compositing.rs), so the
    # variable is set either way here: "0" keeps OpenGL, "1" asks for software.
    opengl = {"WEBKIT_DISABLE_COMPOSITING_MODE": "0"}
    software = {"WEBKIT_DISABLE_COMPOSITING_MODE": "1"}
    apps = {"empty": (EMPTY, [], opengl),
            "prep-hub": (PREP_HUB, None, opengl),
            "empty-sw": (EMPTY, [], software),
            "prep-hub-sw": (PREP_HUB, None, software)}
    times = {(a, k): [] for a in apps for k in ("first", "later")}
    pss = {(a, k): [] for a in apps for k in ("first", "later")}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for run_no in range(args.runs):
                names = list(apps)
                shift = run_no % len(names)
                order = names[shift:] + names[:shift]
                if run_no % 2:
                    order.reverse()
                for name in order:
                    binary, extra, extra_env = apps[name]
                    home = Path(tmp) / f"{name}-{run_no}"
                    home.mkdir()
                    extra = extra if extra is not None else ["--data-dir", str(home / "prep-hub-data")]
                    for kind in ("first", "later"):
                        t, m = start_once(binary, home, extra, display, extra_env)
                        times[(name, kind)].append(t)
                        pss[(name, kind)].append(m)
                    shutil.rmtree(home)
                print(f"run {run_no + 1}/{args.runs}: " + ", ".join(
                    f"{n} {k} {times[(n, k)][-1] * 1000:.0f} ms" for n in apps for k in ("first", "later")),
                    flush=True)
            report(args, apps, times, pss)
            practice = None
            if not args.skip_practice:
                home = Path(tmp) / "practice"
                home.mkdir()
                practice = practice_memory(display, home)
    finally:
        if xvfb:
            xvfb.terminate()

    if practice:
        # The session runs Prep Hub as a user gets it, so it is compared with the empty window in
        # the mode Prep Hub chose for itself on this machine.
        ref = "empty-sw" if chooses_software() else "empty"
        e_total = statistics.median(sum(m.values()) for m in pss[(ref, "later")])
        first, after = practice
        print(f"  prep-hub through tauri-driver: after the first screen {sum(first.values()):.1f} MiB, "
              f"after 200 ratings {sum(after.values()):.1f} MiB ("
              + ", ".join(f"{k} {v:.1f}" for k, v in sorted(after.items())) + f"); "
              f"{sum(after.values()) - e_total:+.1f} MiB against {ref}")


if __name__ == "__main__":
    sys.exit(main())
