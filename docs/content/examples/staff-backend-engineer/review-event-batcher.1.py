# Harness: tests of the rewrite: size trigger, timer, concurrent producers with no loss or
# duplication, failure handling without a hot loop, the memory bound, and close().
import threading
import time

{{EXAMPLE}}


def wait_for(cond, timeout=2.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if cond():
            return True
        time.sleep(0.005)
    return cond()


# size trigger: 100 events are sent long before the 10 s interval
got = []
b = EventBatcher(lambda batch: got.append(list(batch)), max_batch=100, interval=10)
for i in range(100):
    b.add(i)
assert wait_for(lambda: got == [list(range(100))])
b.close()

# timer: a partial batch goes out after the interval
got = []
b = EventBatcher(lambda batch: got.append(list(batch)), max_batch=100, interval=0.05)
b.add("a"); b.add("b")
assert wait_for(lambda: got == [["a", "b"]])
b.close()

# 8 producers x 1,000 events, slow sink: every event exactly once, per-thread order kept
got = []
lock = threading.Lock()


def slow_sink(batch):
    time.sleep(0.001)
    with lock:
        got.extend(batch)


b = EventBatcher(slow_sink, max_batch=100, interval=0.01)
threads = [threading.Thread(target=lambda t=t: [b.add((t, i)) for i in range(1000)]) for t in range(8)]
for t in threads: t.start()
for t in threads: t.join()
b.close(timeout=10)
assert len(got) == 8000 and len(set(got)) == 8000
for t in range(8):
    seq = [i for (tt, i) in got if tt == t]
    assert seq == sorted(seq)

# failures: two failed sends, then success; nothing lost, the thread survives, no hot loop
calls, got = [], []


def flaky(batch):
    calls.append(time.monotonic())
    if len(calls) <= 2:
        raise ConnectionError("down")
    got.extend(batch)


b = EventBatcher(flaky, max_batch=10, interval=0.05)
for i in range(25):
    b.add(i)
assert wait_for(lambda: sorted(got) == list(range(25)))
assert calls[1] - calls[0] >= 0.04, "retried without waiting"
b.close()

# bounded buffer: the sink is down; add never blocks and the overflow is counted
dropped = []
b = EventBatcher(lambda batch: (_ for _ in ()).throw(ConnectionError("down")),
                 max_batch=10, interval=0.05, max_buffered=50, on_drop=dropped.append)
start = time.monotonic()
for i in range(80):
    b.add(i)
assert time.monotonic() - start < 0.5
with b._cond:
    assert len(b._buffer) <= 50
b.close(timeout=2)
assert not b._thread.is_alive(), "close() must return even while the sink is down"
assert sum(dropped) == 80, sum(dropped)      # everything not delivered is accounted for

# close() flushes what is left, and add() after close is refused
got = []
b = EventBatcher(lambda batch: got.extend(batch), max_batch=100, interval=10)
for i in range(250):
    b.add(i)
b.close()
assert got == list(range(250))
try:
    b.add("late")
    raise AssertionError("add after close was accepted")
except RuntimeError:
    pass
print("rewrite checks passed")
