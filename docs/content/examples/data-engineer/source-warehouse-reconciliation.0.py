# Harness: two sides over a virtual key space of 800 million ids, with summaries computed
# lazily (a bucket's checksum depends only on the overrides inside it), counting queries.
{{EXAMPLE}}

N = 800_000_000


class Side:
    def __init__(self, overrides=None):
        self.overrides = dict(overrides or {})   # key -> value, or None when the row is absent
        self.summary_queries = 0
        self.leaf_fetches = 0

    def _value(self, key):
        return self.overrides.get(key, ("row", key))

    def summaries(self, lo, hi, width):
        self.summary_queries += 1
        out = {}
        for b in range(-(-(hi - lo) // width)):
            b_lo, b_hi = lo + b * width, min(lo + (b + 1) * width, hi)
            inside = tuple(sorted((k, v) for k, v in self.overrides.items() if b_lo <= k < b_hi))
            missing = sum(1 for _, v in inside if v is None)
            out[b] = (b_hi - b_lo - missing, hash(inside))
        return out

    def rows(self, lo, hi):
        self.leaf_fetches += 1
        assert hi - lo <= 5_000
        return {k: self._value(k) for k in range(lo, hi) if self._value(k) is not None}


# One bad row: three levels of summaries, so 6 summary queries and 2 leaf fetches.
src, dst = Side(), Side({123_456_789: ("row", "mangled")})
assert list(diff_range(src, dst, 0, N)) == [(123_456_789, "different")]
assert src.summary_queries + dst.summary_queries == 6
assert src.leaf_fetches + dst.leaf_fetches == 2

# Five bad regions far apart (one missing, one extra, one at the very last key):
# at most 2 + 4 * 5 = 22 summary queries and 10 leaf fetches.
bad = {10: None, 200_000_000: ("row", "x"), 400_000_001: ("row", "y"),
       600_000_002: ("row", "z"), N - 1: None}
src = Side({300_000_000: None})          # a row the source no longer has
dst = Side({k: v for k, v in bad.items() if k != 200_000_000})
dst.overrides[300_000_000] = ("row", 300_000_000)
found = dict(diff_range(src, dst, 0, N))
assert found == {10: "missing_in_warehouse", 300_000_000: "extra_in_warehouse",
                 400_000_001: "different", 600_000_002: "different",
                 N - 1: "missing_in_warehouse"}, found
queries = src.summary_queries + dst.summary_queries
assert queries == 2 + 4 * 5, queries
assert src.leaf_fetches + dst.leaf_fetches == 10

# The leaves are about 3,050 rows: 800M / 64 / 64 / 64, rounded up at each level.
w1 = -(-N // 64); w2 = -(-w1 // 64); w3 = -(-w2 // 64)
assert (w1, w2, w3) == (12_500_000, 195_313, 3_052)
print("source-warehouse-reconciliation: ok")
