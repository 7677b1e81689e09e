# Harness: the tests the answer lists, run against the example's two functions.
import random

{{EXAMPLE}}

# empty map and a single edge
assert start_waves([]) == ([], [])
assert affected_by([], "db") == set()
assert start_waves([("api", "db")]) == ([["db"], ["api"]], [])

# a diamond: web -> (orders, users) -> db; shared dependants counted once
diamond = [("web", "orders"), ("web", "users"), ("orders", "db"), ("users", "db"), ("orders", "db")]
assert affected_by(diamond, "db") == {"orders", "users", "web"}
assert affected_by(diamond, "users") == {"web"}
assert affected_by(diamond, "web") == set()
assert start_waves(diamond) == ([["db"], ["orders", "users"], ["web"]], [])

# a cycle of two, with a healthy part that still starts
waves, cycle = start_waves([("a", "b"), ("b", "a"), ("c", "d")])
assert waves == [["d"], ["c"]] and cycle in (["a", "b", "a"], ["b", "a", "b"])

# a cycle of three and a service waiting behind it
pairs = [("x", "y"), ("y", "z"), ("z", "x"), ("front", "x"), ("x", "cache")]
waves, cycle = start_waves(pairs)
assert waves == [["cache"]]
assert len(cycle) == 4 and cycle[0] == cycle[-1] and set(cycle) == {"x", "y", "z"}
for a, b in zip(cycle, cycle[1:]):
    assert (a, b) in pairs, "the reported cycle must follow real dependencies"
assert affected_by(pairs, "z") == {"x", "y", "front"}   # the failed service itself is excluded

# property test on random acyclic maps: every dependency starts in an earlier wave
rng = random.Random(7)
for _ in range(50):
    n = rng.randint(1, 60)
    names = [f"s{i}" for i in range(n)]
    pairs = [(names[i], names[j]) for i in range(n) for j in range(i) if rng.random() < 0.1]
    waves, cycle = start_waves(pairs)
    assert cycle == []
    wave_of = {s: k for k, w in enumerate(waves) for s in w}
    assert set(wave_of) == {s for p in pairs for s in p}
    for a, b in pairs:
        assert wave_of[b] < wave_of[a]
    # impact equals brute-force reachability over the reverse edges
    target = rng.choice(names)
    reach, frontier = set(), {target}
    while frontier:
        frontier = {a for a, b in pairs if b in frontier} - reach - {target}
        reach |= frontier
    assert affected_by(pairs, target) == reach
print("dependency map tests passed")
