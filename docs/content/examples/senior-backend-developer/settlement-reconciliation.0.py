# Harness: the pack's streaming merge against small hand-made inputs for every category, then a
# random property check that it agrees with the dictionary baseline the answer describes.
import random
from collections import namedtuple

{{EXAMPLE}}

Rec = namedtuple("Rec", "id amount_minor currency")

ours = [Rec("t1", 1000, "EUR"), Rec("t2", 500, "EUR"), Rec("t2", 500, "EUR"),
        Rec("t4", 700, "EUR"), Rec("t5", 900, "USD")]
theirs = [Rec("t2", 500, "EUR"), Rec("t3", 300, "EUR"), Rec("t4", 710, "EUR"),
          Rec("t5", 900, "EUR"), Rec("t6", 100, "EUR"), Rec("t6", 100, "EUR")]
r = reconcile(iter(ours), iter(theirs))
assert r.missing_in_theirs == ["t1"], r
assert r.missing_in_ours == ["t3", "t6"], r
assert [m[0] for m in r.mismatched] == ["t4", "t5"], r          # amount, then currency
assert sorted(r.duplicates) == [("ours", "t2"), ("theirs", "t6")], r

# Edge cases: empty sides.
assert reconcile([], []).missing_in_ours == []
assert reconcile([], [Rec("a", 1, "EUR")]).missing_in_ours == ["a"]
assert reconcile([Rec("a", 1, "EUR")], []).missing_in_theirs == ["a"]

def baseline(ours, theirs):
    seen_o, seen_t, dup = {}, {}, []
    for side, rows, seen in (("ours", ours, seen_o), ("theirs", theirs, seen_t)):
        for x in rows:
            if x.id in seen: dup.append((side, x.id))
            else: seen[x.id] = x
    mism = [(i, (seen_o[i].amount_minor, seen_o[i].currency), (seen_t[i].amount_minor, seen_t[i].currency))
            for i in sorted(seen_o.keys() & seen_t.keys())
            if (seen_o[i].amount_minor, seen_o[i].currency) != (seen_t[i].amount_minor, seen_t[i].currency)]
    return (sorted(seen_t.keys() - seen_o.keys()), sorted(seen_o.keys() - seen_t.keys()), mism, sorted(dup))

rng = random.Random(7)
for _ in range(300):
    ids = [f"t{n:04d}" for n in range(rng.randint(0, 40))]
    def side():
        rows = [Rec(i, rng.choice([100, 200]), rng.choice(["EUR", "EUR", "USD"]))
                for i in ids if rng.random() < 0.8]
        rows += [x for x in rows if rng.random() < 0.1]                # some duplicates
        return sorted(rows, key=lambda x: x.id)
    o, t = side(), side()
    # A duplicate with a different amount is still reported as a duplicate; the first row wins.
    got = reconcile(o, t)
    assert (sorted(got.missing_in_ours), sorted(got.missing_in_theirs), got.mismatched,
            sorted(got.duplicates)) == baseline(o, t)
print("reconcile: all checks passed")
