# Harness: reproduces two of the blocking findings on the pull request's code, deterministically.
import threading

{{EXAMPLE}}

# 1. Lost update: while send() is on the network, another thread's add() appends to the list
#    being sent; the payload was already serialised, and flush() then throws the list away.
sent = []
b = None


def send_slowly(batch):
    payload = list(batch)          # serialised at the start of the request
    b.buffer.append("added-during-send")   # what a concurrent add() does, unlocked
    sent.extend(payload)


b = EventBatcher(send_slowly, max_batch=100, interval=3600)
for i in range(3):
    b.add(i)
b.flush()
assert sent == [0, 1, 2]
assert "added-during-send" not in sent and "added-during-send" not in b.buffer   # lost

# 2. One exception from send() ends the background thread for good.
def flaky(batch):
    raise ConnectionError("analytics API unavailable")


before = threading.active_count()
b2 = EventBatcher(flaky, max_batch=100, interval=0.01)
b2.buffer.append("x")
for _ in range(200):
    if threading.active_count() < before + 1:
        break
    threading.Event().wait(0.01)
assert threading.active_count() == before, "the flusher thread should have died"
assert b2.buffer == ["x"]          # and nothing will ever flush it again
print("both findings reproduced")
