# Harness: in-memory storage and warehouse fakes, then the tests the answer describes.
import copy
from contextlib import contextmanager

{{EXAMPLE}}


class FakeStorage:
    def __init__(self, files):
        self.files = dict(files)

    def list(self, prefix):
        return [p for p in self.files if p.startswith(prefix)]

    def read(self, path):
        return self.files[path]


class FakeWarehouse:
    def __init__(self):
        self.tables = {"orders_raw": [], "orders_quarantine": []}
        self.manifests = {}
        self.fail_on_insert = False

    def manifest(self, dt, hr):
        return self.manifests.get((dt, hr))

    @contextmanager
    def transaction(self):
        staged = copy.deepcopy((self.tables, self.manifests))
        wh = self

        class Tx:
            def delete_partition(self, table, dt, hr):
                staged[0][table] = [r for r in staged[0][table]
                                    if (r["dt"], r["hr"]) != (dt, hr)]

            def insert(self, table, rows):
                if wh.fail_on_insert:
                    raise RuntimeError("warehouse went away")
                staged[0][table].extend(copy.deepcopy(rows))

            def set_manifest(self, dt, hr, manifest):
                staged[1][(dt, hr)] = list(manifest)

        yield Tx()
        self.tables, self.manifests = staged          # commit only if no exception


HEADER = "order_id,customer_id,amount_cents,currency,created_at\n"
def csv_rows(n, start=0):
    return "".join(f"o{i},c{i},{100 + i},EUR,2024-06-01T13:{i % 60:02d}:00\n"
                   for i in range(start, start + n))

P = "landing/orders/dt=2024-06-01/hr=13/"

# 1. A truncated row is quarantined, not loaded with created_at = 'None'.
st = FakeStorage({P + "a.csv": (HEADER + csv_rows(200) + "o999,c9,500,EUR\n").encode()})
wh = FakeWarehouse()
assert load_hour(st, wh, "2024-06-01", 13) == "loaded 200 rows, quarantined 1"
assert wh.tables["orders_quarantine"][0]["error"] == "wrong number of fields"
assert all(r["order_id"] != "o999" for r in wh.tables["orders_raw"])
# Extra fields are rejected too.
ok, err = parse({"order_id": "x", "customer_id": "c", "amount_cents": "1", "currency": "EUR",
                 "created_at": "2024-06-01T13:00:00", None: ["surplus"]})
assert err == "wrong number of fields"

# 2. A rerun is a no-op and leaves identical contents.
before = copy.deepcopy(wh.tables)
assert load_hour(st, wh, "2024-06-01", 13) == "unchanged"
assert wh.tables == before

# 3. A re-delivered file under a new name: 151 rows read, 75 distinct orders, 1 bad row.
#    1/151 is under 1%, so the hour loads; dividing by 76 (distinct + bad) would abort it.
body = (HEADER + csv_rows(75)).encode()
st = FakeStorage({P + "a.csv": body,
                  P + "b-redelivered.csv": (HEADER + csv_rows(75) + "broken\n").encode()})
wh = FakeWarehouse()
assert load_hour(st, wh, "2024-06-01", 13) == "loaded 75 rows, quarantined 1"
assert 1 / 76 > MAX_BAD_RATIO > 1 / 151

# 4. A threshold breach raises and writes nothing.
st = FakeStorage({P + "a.csv": (HEADER + csv_rows(50) + "x,y,-5,EUR,2024-06-01T13:00:00\n" * 2).encode()})
wh = FakeWarehouse()
try:
    load_hour(st, wh, "2024-06-01", 13)
    raise AssertionError("expected the threshold to trip")
except ValueError as exc:
    assert "2 of 52 rows invalid" in str(exc)
assert wh.tables["orders_raw"] == [] and wh.manifests == {}

# 5. A failed transaction keeps the previous rows and manifest.
st = FakeStorage({P + "a.csv": (HEADER + csv_rows(10)).encode()})
wh = FakeWarehouse()
load_hour(st, wh, "2024-06-01", 13)
good = copy.deepcopy((wh.tables, wh.manifests))
st.files[P + "c.csv"] = (HEADER + csv_rows(5, start=100)).encode()
wh.fail_on_insert = True
try:
    load_hour(st, wh, "2024-06-01", 13)
    raise AssertionError("expected the insert to fail")
except RuntimeError:
    pass
assert (wh.tables, wh.manifests) == good

# 6. The manifest cannot see a manual delete; force reloads.
wh.fail_on_insert = False
del st.files[P + "c.csv"]
wh.tables["orders_raw"].pop()
assert load_hour(st, wh, "2024-06-01", 13) == "unchanged"       # the gap stays unseen
assert len(wh.tables["orders_raw"]) == 9
assert load_hour(st, wh, "2024-06-01", 13, force=True) == "loaded 10 rows, quarantined 0"
print("idempotent-partition-loader: ok")
