# Harness: minimal fakes for the fixtures, then the test is run against a correct
# implementation (passes) and against the double-discount bug (fails).
import types


class FakeDB:
    def __init__(self):
        self.orders, self.discounts = {}, []

    def get_order(self, order_id):
        return self.orders[order_id]


def make_order(db, items):
    order = types.SimpleNamespace(id=len(db.orders) + 1, total_cents=sum(q * p for _, q, p in items))
    db.orders[order.id] = order
    return order


def count_discounts(db, order_id):
    return sum(1 for oid, _ in db.discounts if oid == order_id)


class FakeAPI:
    def __init__(self, db, idempotent):
        self.db, self.idempotent = db, idempotent

    def post(self, path, json):
        order_id = int(path.split("/")[2])
        if self.idempotent and (order_id, json["code"]) in self.db.discounts:
            return 200
        self.db.discounts.append((order_id, json["code"]))
        order = self.db.orders[order_id]
        order.total_cents = round(order.total_cents * 0.9)
        return 201

{{EXAMPLE}}

db = FakeDB()
test_discount_applied_once_per_order(db, FakeAPI(db, idempotent=True))
db = FakeDB()
try:
    test_discount_applied_once_per_order(db, FakeAPI(db, idempotent=False))
    raise RuntimeError("the test did not catch the double discount")
except AssertionError:
    pass
print("the test passes on correct code and catches the bug")
