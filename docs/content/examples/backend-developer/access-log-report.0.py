# Harness: a small log with ids, query strings, 5xx errors and a malformed line.
{{EXAMPLE}}

lines = [
    "2024-05-02T10:15:03Z GET /api/orders/123?expand=items 200 87ms",
    "2024-05-02T10:15:04Z GET /api/orders/456 500 120ms",
    "2024-05-02T10:15:05Z GET /api/orders/789 200 30ms",
    "2024-05-02T10:15:06Z POST /api/orders 201 250ms",
    "garbage line",
] + [f"2024-05-02T10:16:{i:02d}Z GET /api/health 200 {i + 1}ms" for i in range(20)]
rows, malformed = report(lines, k=5)
assert malformed == 1
by_route = {r[0]: r for r in rows}
assert by_route["GET /api/orders/{id}"][1:] == (3, 1 / 3, 120)
assert by_route["GET /api/health"][3] == 19          # nearest rank: ceil(0.95 * 20) = 19th value
assert rows[0][0] == "POST /api/orders"              # slowest p95 first
print("access-log report checks passed")
