# Harness: an in-process and a shared cache with a fake clock, then the read order the answer
# states: fresh local, then the shared cache (also when the local copy has expired), then a
# stale copy within the grace window while one caller refreshes, then the database.
from types import SimpleNamespace

NOW = [1000.0]
LOCAL_TTL_S, STALE_GRACE_S = 2, 10

class Entry:
    def __init__(self, value, version, ttl):
        self.value, self.version, self.stored, self.ttl = value, version, NOW[0], ttl
    def expired(self): return NOW[0] - self.stored >= self.ttl
    def age(self): return NOW[0] - self.stored - self.ttl        # seconds past expiry

class Store:
    def __init__(self): self.d, self.gets, self.leases = {}, 0, set()
    def get(self, k):
        self.gets += 1
        return self.d.get(k)
    def put(self, k, value, version, ttl): self.d[k] = Entry(value, version, ttl)
    def add(self, k, v, ttl):
        if k in self.leases: return False
        self.leases.add(k); return True
    def set_if_newer(self, k, value, version, ttl):
        old = self.d.get(k)
        if old is None or version > old.version:
            self.d[k] = Entry(value, version, ttl)

local, cache = Store(), Store()
db = {1: (1999, 3)}                     # product 1: price 19.99, version 3
refreshes, loads = [], []
def refresh_async(pid): refreshes.append(pid)
def load_and_store(pid):
    loads.append(pid)
    price, version = db[pid]
    cache.put(f"price:{pid}", price, version, ttl=60)
    return price

{{EXAMPLE}}

# Cold: both caches empty, the database is read once and the shared cache filled.
assert get_price(1) == 1999 and loads == [1]
# Warm: the shared entry is copied into the local layer; the next read stays local.
assert get_price(1) == 1999
gets = cache.gets
assert get_price(1) == 1999 and cache.gets == gets

# The price changes: the event updates the shared cache (not the local copies).
db[1] = (1799, 4)
on_price_changed(SimpleNamespace(product_id=1, price=1799, version=4))
on_price_changed(SimpleNamespace(product_id=1, price=1999, version=3))   # late, older: ignored
assert cache.d["price:1"].value == 1799

# Within the local TTL the old price is still served (the accepted staleness window) ...
NOW[0] += 1
assert get_price(1) == 1999
# ... but once the local copy expires, the read falls through to the shared cache and sees
# the new price. The buggy `local.get(...) or cache.get(...)` returned the expired local copy
# (within the grace window) and kept showing 19.99.
NOW[0] += 1.5
assert get_price(1) == 1799, "an expired local entry must fall through to the shared cache"
assert refreshes == [] and loads == [1]

# Shared entry expired too but within the grace window: stale value, exactly one refresher.
NOW[0] += 61
assert get_price(1) == 1799 and get_price(1) == 1799
assert refreshes == [1]
# Far past the grace window: load from the database.
NOW[0] += 60
assert get_price(1) == 1799 and loads == [1, 1]
print("cache read path: all checks passed")
