# Harness: fakes for every dependency, and one test per branch, as the answer says.
from datetime import datetime

{{EXAMPLE}}


class Flags:
    def __init__(self, *on):
        self.on = set(on)

    def enabled(self, name):
        return name in self.on


class Metrics:
    def __init__(self, lag=80_000, progress=0, healthy=True):
        self.l, self.p, self.h = lag, progress, healthy

    def lag(self, group):
        return self.l

    def committed_offsets_delta(self, group, window):
        return self.p

    def broker_healthy(self):
        return self.h


class State:
    def __init__(self, restarts=(), in_flight=0):
        self.r, self.f = list(restarts), in_flight

    def restarts(self, group, since):
        return [t for t in self.r if t >= since]

    def in_flight(self):
        return self.f

    def record_restart(self, group, when, lag_before):
        self.r.append(when)


class Actions:
    def __init__(self):
        self.calls = []

    def page_oncall(self, group, reason, history):
        self.calls.append("page")

    def capture_thread_dump(self, group):
        self.calls.append("dump")

    def restart(self, group):
        self.calls.append("restart")


class Log:
    def info(self, *args):
        pass


NOW = datetime(2025, 3, 3, 3, 0)
ON = "auto-restart-consumers"


def run(metrics=None, state=None, flags=None):
    actions = Actions()
    result = remediate("billing", NOW, metrics or Metrics(), state or State(), actions,
                       flags or Flags(ON), Log())
    return result, actions.calls


assert run(flags=Flags()) == ("disabled", [])
assert run(metrics=Metrics(lag=10_000)) == ("no-action", [])
assert run(metrics=Metrics(progress=500)) == ("no-action", [])          # lagging but moving
assert run(metrics=Metrics(healthy=False)) == ("no-action", [])         # broker problem: not ours
assert run(state=State([NOW - timedelta(minutes=50), NOW - timedelta(minutes=20)])) == ("escalated", ["page"])
assert run(state=State([NOW - timedelta(minutes=10)])) == ("cooling-down", [])
assert run(state=State(in_flight=2)) == ("deferred", [])
assert run(flags=Flags(ON, "auto-restart-dry-run")) == ("dry-run", [])
state = State([NOW - timedelta(minutes=45)])
assert run(state=state) == ("restarted", ["dump", "restart"])
assert len(state.r) == 2
print("every branch behaves as described")
