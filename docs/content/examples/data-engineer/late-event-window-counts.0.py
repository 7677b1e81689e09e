# Harness: runs the example's test, then checks the claims of the answer's walk-through.
{{EXAMPLE}}


test_late_and_duplicate()

# Window 0 is emitted exactly when the event at 200 arrives (watermark 200 - 120 = 80 >= 60),
# and window 60 is still open at that point (its end, 120, is beyond the watermark).
seen = []
def feed():
    for i, t in [("a", 0), ("b", 30), ("b", 30), ("c", 65)]:
        yield {"event_id": i, "event_time": t}
    seen.append("before-200")
    yield {"event_id": "d", "event_time": 200}
    seen.append("after-200")

out = []
for item in windowed_counts(feed(), []):
    out.append((item, list(seen)))
assert out[0] == ((0, 2), ["before-200"]), out
assert out[1][0] == (60, 1) and out[1][1] == ["before-200", "after-200"], out  # flushed at end
print("late-event-window-counts: ok")
