# Harness: a primary and two replicas that replay a shared history with different lag, and a
# fake clock; checks read-your-writes, monotonic reads and the fallback to the primary.

{{EXAMPLE}}

def fmt(n): return f"{n >> 32:X}/{n & 0xFFFFFFFF:X}"
assert lsn("0/3000060") == 0x3000060 and lsn("1/0") == 1 << 32 and lsn(fmt(0x1_0000_00A0)) == 0x1_0000_00A0

class Primary:
    def __init__(self): self.history = [(0, {"theme": "light"})]    # (lsn, state)
    def commit(self, change):
        state = dict(self.history[-1][1]); state.update(change)
        self.history.append((self.history[-1][0] + 0x100, state))
    def current_lsn(self): return fmt(self.history[-1][0])
    def state_at(self, pos): return [s for l, s in self.history if l <= pos][-1]
    def run(self, query): return ("primary", self.history[-1][1][query])

class Replica:
    def __init__(self, name, primary): self.name, self.primary, self.pos = name, primary, 0
    def replay_lsn(self): return fmt(self.pos)
    def run(self, query): return (self.name, self.primary.state_at(self.pos)[query])

now = [0.0]
def clock(): return now[0]
def sleep(d): now[0] += d

primary = Primary()
a, b = Replica("a", primary), Replica("b", primary)
router = ReadRouter(primary, [a, b], max_wait_s=0.05, poll_s=0.005, clock=clock, sleep=sleep)

# Without a write, any replica is fine.
session = {}
assert router.read(session, "theme") == ("a", "light")

# The user saves a setting; both replicas lag. The next read must not show the old value.
primary.commit({"theme": "dark"})
router.after_write(session)
assert router.read(session, "theme") == ("primary", "dark")     # waited 50 ms, then primary
assert now[0] >= 0.05

# Replica b catches up: the read goes there, not to the lagging a.
b.pos = primary.history[-1][0]
assert router.read(session, "theme") == ("b", "dark")

# Another user's change arrives; b replays it, a still lags. A read that saw b's position
# must never be served by a (that would be the list "jumping back").
primary.commit({"theme": "blue"})
b.pos = primary.history[-1][0]
reader = {}
assert router.read(reader, "theme") == ("a", "light")           # first read: a is fine
a_pos = a.pos
router.replicas = [b, a]
assert router.read(reader, "theme") == ("b", "blue")
router.replicas = [a, b]
assert router.read(reader, "theme") == ("b", "blue"), "went back to the lagging replica"
assert a.pos == a_pos
print("read router: all checks passed")
