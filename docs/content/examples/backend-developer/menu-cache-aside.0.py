# Harness: an in-memory stand-in for the Redis client (with a switch that makes every call
# fail), a slow build_menu that counts calls, then checks of the behaviour the answer claims.
import threading
import time


class CacheError(Exception):
    pass


class FakeCache:
    def __init__(self):
        self.data, self.down, self.ttls = {}, False, []

    def _check(self):
        if self.down:
            raise CacheError("connection refused")

    def get(self, key):
        self._check()
        return self.data.get(key)

    def set(self, key, value, ttl):
        self._check()
        self.ttls.append(ttl)
        self.data[key] = value

    def delete(self, key):
        self._check()
        self.data.pop(key, None)


BUILDS = []


def build_menu(restaurant_id, locale):
    BUILDS.append((restaurant_id, locale))
    time.sleep(0.05)                       # the four queries
    return {"restaurant": restaurant_id, "locale": locale, "version": len(BUILDS)}

{{EXAMPLE}}

cache = FakeCache()
menus = MenuCache(cache, build_menu)

# 100 concurrent requests for a cold key: one rebuild, everyone gets the same menu
results = []
threads = [threading.Thread(target=lambda: results.append(menus.get(7))) for _ in range(100)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert len(BUILDS) == 1, BUILDS
assert len(results) == 100 and all(m == results[0] for m in results)
assert MenuCache.key(7, "en") in cache.data

# TTLs are jittered around 600 s
for i in range(20):
    menus.get(100 + i)
assert all(540 <= ttl <= 660 for ttl in cache.ttls) and len(set(cache.ttls)) > 1

# an edit invalidates: the next read rebuilds
before = len(BUILDS)
menus.invalidate(7)
assert menus.get(7)["version"] == before + 1

# cache down: requests are still served from the database
cache.down = True
assert menus.get(8)["restaurant"] == 8
cache.down = False
print("menu cache checks passed")
