# Harness: captures the log output, then checks the structured line and the percentile
# arithmetic stated under the example (95 requests at 40 ms, 5 at 1,800 ms).
import io
import logging

{{EXAMPLE}}

buffer = io.StringIO()
_handler.stream = buffer


def checkout(timings):
    timings["db_ms"] = 3.2
    timings["payment_ms"] = 1.1
    return 201


assert handle("/checkout", checkout, request_id="req-1") == 201
line = json.loads(buffer.getvalue().strip().splitlines()[-1])
assert line["request_id"] == "req-1" and line["route"] == "/checkout" and line["status"] == 201
assert line["db_ms"] == 3.2 and "duration_ms" in line and line["level"] == "INFO"


def failing(timings):
    raise RuntimeError("payment provider timeout")


try:
    handle("/checkout", failing, request_id="req-2")
except RuntimeError:
    pass
line = json.loads(buffer.getvalue().strip().splitlines()[-1])
assert line["status"] == 500                    # failures are logged and counted too

h = LatencyHistogram()
samples = [40] * 95 + [1800] * 5
for ms in samples:
    h.observe("/checkout", 200, ms)
assert sum(samples) / len(samples) == 128
assert h.quantile("/checkout", 0.95) == 50
assert h.quantile("/checkout", 0.99) == 2500
assert h.quantile("/checkout", 0.50) == 50
print("logging and histogram checks passed")
