# Harness: the trace the answer walks through, plus updates and the capacity check.
{{EXAMPLE}}

c = LRUCache(2)
c.put("a", 1)
c.put("b", 2)
assert c.get("a") == 1          # a becomes most recently used
c.put("c", 3)                   # evicts b, the least recently used
assert c.get("b") is None and c.get("a") == 1 and c.get("c") == 3
c.put("a", 10)                  # update counts as a use
c.put("d", 4)                   # evicts c
assert c.get("c") is None and c.get("a") == 10 and c.get("d") == 4
assert len(c.map) == 2
try:
    LRUCache(0)
    raise AssertionError("capacity 0 accepted")
except ValueError:
    pass
print("LRU trace as described")
