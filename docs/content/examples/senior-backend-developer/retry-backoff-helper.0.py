# Harness: runs the pack's helper and its tests, then checks the rules the answer states.
{{EXAMPLE}}

test_gives_up_before_crossing_the_deadline()
test_502_is_retried_only_when_the_call_is_idempotent()

no_sleep = lambda d: None

# 429 and 503: the server did no work, so even a non-idempotent call is retried.
for status in (429, 503):
    fn, calls = scripted(Resp(status), Resp(201))
    assert call_with_retries(fn, deadline_s=5, sleep=no_sleep).status == 201
    assert len(calls) == 2

# 502 and 504 (unknown outcome) and timeouts: one attempt unless idempotent.
for outcome in (Resp(504), TimeoutError("read timed out"), ConnectionResetError("reset")):
    fn, calls = scripted(outcome, Resp(200))
    try:
        call_with_retries(fn, deadline_s=5, sleep=no_sleep)
        assert False, f"expected OutcomeUnknown for {outcome!r}"
    except OutcomeUnknown:
        assert len(calls) == 1
    fn, calls = scripted(outcome, Resp(200))
    assert call_with_retries(fn, deadline_s=5, idempotent=True, sleep=no_sleep).status == 200
    assert len(calls) == 2

# A refused connection never reached the server: always safe to retry.
fn, calls = scripted(ConnectionRefusedError("refused"), Resp(200))
assert call_with_retries(fn, deadline_s=5, sleep=no_sleep).status == 200

# Errors a retry cannot fix go straight back to the caller.
for status in (400, 401, 403, 404, 409, 412, 422):
    fn, calls = scripted(Resp(status), Resp(200))
    assert call_with_retries(fn, deadline_s=5, idempotent=True, sleep=no_sleep).status == status
    assert len(calls) == 1

# Retry-After is a floor on the wait; full jitter alone would have waited 0.
waits = []
fn, calls = scripted(Resp(429, retry_after_s=1.5), Resp(200))
call_with_retries(fn, deadline_s=5, sleep=waits.append, rng=lambda: 0.0)
assert waits == [1.5]

# The attempt limit holds, and the error carries the last failure.
fn, calls = scripted(*[Resp(503)] * 10)
try:
    call_with_retries(fn, deadline_s=100, max_attempts=4, sleep=no_sleep)
    assert False
except RetryError as e:
    assert e.attempts == 4 and e.last.status == 503 and len(calls) == 4

# An exhausted retry budget stops retrying after the first failure.
class EmptyBudget:
    def try_spend(self): return False
    def on_success(self): pass
fn, calls = scripted(Resp(503), Resp(200))
try:
    call_with_retries(fn, deadline_s=5, budget=EmptyBudget(), sleep=no_sleep)
    assert False
except RetryError as e:
    assert e.attempts == 1
print("retry helper: all checks passed")
