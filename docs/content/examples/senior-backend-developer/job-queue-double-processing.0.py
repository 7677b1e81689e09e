# Harness: two workers run the pack's "before" loop body at the same moment against a fake
# table; the interleaving the answer describes (both SELECT before either UPDATE) sends the
# same invoice twice.
import threading
from types import SimpleNamespace

BEFORE = r'''
{{EXAMPLE}}
'''

class FakeJobs:
    def __init__(self):
        self.rows = {42: {"status": "pending", "payload": {"invoice": 42}}}
        self.both_selected = threading.Barrier(2)   # forces the unlucky interleaving
        self.lock = threading.Lock()

    def one(self, sql, *args):
        with self.lock:
            pending = [i for i, r in self.rows.items() if r["status"] == "pending"]
            row = SimpleNamespace(id=pending[0], payload=self.rows[pending[0]]["payload"])
        self.both_selected.wait(timeout=5)
        return row

    def exec(self, sql, job_id):
        with self.lock:       # unconditional, like the original UPDATE
            self.rows[job_id]["status"] = "running" if "'running'" in sql else "done"

db = FakeJobs()
sent = []
def send_invoice_email(payload):
    sent.append(payload["invoice"])

workers = [threading.Thread(target=exec, args=(BEFORE, {"db": db, "send_invoice_email": send_invoice_email}))
           for _ in range(2)]
for w in workers: w.start()
for w in workers: w.join()
assert sent == [42, 42], sent             # the duplicate email
assert db.rows[42]["status"] == "done"
print("before: the race sends invoice 42 twice")
