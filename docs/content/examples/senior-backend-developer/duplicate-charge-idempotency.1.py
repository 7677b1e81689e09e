# Harness: an in-memory stand-in for the database and the processor, then the answer's claims:
# a retry returns the stored response without charging again, a reused key with another body is
# refused (422), a retry while the first is running gets 409, and the processor sees one key.
import contextlib, hashlib, json, itertools
from types import SimpleNamespace

class Unprocessable(Exception): pass
class Conflict(Exception): pass

def digest(body): return hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()
ids = itertools.count(1)
def new_id(): return next(ids)

class DB:
    def __init__(self): self.tables = {"idempotency_keys": {}, "payments": {}, "outbox": []}
    @contextlib.contextmanager
    def transaction(self): yield
    def insert_or_get(self, table, key, **cols):
        t = self.tables[table]
        if key in t: return t[key], False
        t[key] = SimpleNamespace(key=key, response=None, **cols)
        return t[key], True
    def insert(self, table, **cols):
        row = SimpleNamespace(id=new_id(), **cols)
        if table == "outbox": self.tables["outbox"].append(row)
        else: self.tables[table][row.id] = row
        return row
    def update(self, table, key, **cols):
        for k, v in cols.items(): setattr(self.tables[table][key], k, v)

class Processor:
    def __init__(self): self.charges = {}
    def capture(self, amount_minor, currency, idempotency_key, timeout_s):
        self.charges.setdefault(idempotency_key, (amount_minor, currency))   # idempotent by key
        return SimpleNamespace(status="captured")

db, processor = DB(), Processor()
def to_response(payment, result): return {"payment_id": payment.id, "status": result.status}

{{EXAMPLE}}

body = {"amount_minor": 4250, "currency": "EUR"}
first = create_payment("key-1", body)
again = create_payment("key-1", body)                # the app retried after a timeout
assert again == first and len(db.tables["payments"]) == 1
assert list(processor.charges) == ["capture-key-1"]
assert len(db.tables["outbox"]) == 1 and db.tables["outbox"][0].topic == "payment.captured"

try:
    create_payment("key-1", {"amount_minor": 9999, "currency": "EUR"})
    assert False, "a reused key with another body must be refused"
except Unprocessable:
    pass

db.tables["idempotency_keys"]["key-2"] = SimpleNamespace(
    key="key-2", request_hash=digest(body), status="in_progress", response=None)
try:
    create_payment("key-2", body)
    assert False, "a retry while the first request runs must get a conflict"
except Conflict:
    pass
assert len(processor.charges) == 1
print("idempotent payment: all checks passed")
