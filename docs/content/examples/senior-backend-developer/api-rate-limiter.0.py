# Harness: the pack's limiter and its test, then the claims the answer makes about concurrency,
# Retry-After and memory.
import threading

{{EXAMPLE}}

test_burst_then_refill()

# Concurrent callers on one key never exceed the budget: with the clock frozen, exactly 50 of
# 400 simultaneous calls pass.
rl = RateLimiter(rate_per_s=10, burst=50, clock=lambda: 0.0)
results, start = [], threading.Barrier(8)
def hammer():
    start.wait()
    for _ in range(50):
        results.append(rl.acquire("hot")[0])
threads = [threading.Thread(target=hammer) for _ in range(8)]
for t in threads: t.start()
for t in threads: t.join()
assert sum(results) == 50 and len(results) == 400

# Keys are independent.
now = [0.0]
rl = RateLimiter(rate_per_s=10, burst=50, clock=lambda: now[0])
for _ in range(50): rl.acquire("a")
assert not rl.acquire("a")[0] and rl.acquire("b")[0]

# Sustained rate: over 10 s, at most burst + 10 * rate calls pass.
passed = 0
for i in range(1000):
    now[0] = 10 + i * 0.01
    passed += rl.acquire("c")[0]
assert passed <= 50 + 10 * 10 + 1, passed

# Idle buckets are evicted once they would be full again (capacity / rate = 5 s).
now[0] = 100.0
rl.evict_idle()
assert rl._buckets == {}
print("rate limiter: all checks passed")
