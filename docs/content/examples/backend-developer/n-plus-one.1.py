# Harness: a tiny stand-in for the ORM API the example uses (session.query, filter,
# order_by, limit, options, joinedload, selectinload, lazy relationships) over SQLite,
# counting every SQL statement, so the query counts the answer states can be checked.
import sqlite3

conn = sqlite3.connect(":memory:")
conn.executescript("""
CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER, status TEXT, created_at INTEGER);
CREATE TABLE order_items (id INTEGER PRIMARY KEY, order_id INTEGER, sku TEXT);
""")
conn.executemany("INSERT INTO customers VALUES (?, ?)", [(i, f"customer {i}") for i in range(1, 31)])
conn.executemany("INSERT INTO orders VALUES (?, ?, ?, ?)",
                 [(i, 1 + i % 30, "paid" if i % 5 else "refunded", i) for i in range(1, 121)])
conn.executemany("INSERT INTO order_items VALUES (?, ?, ?)",
                 [(i, 1 + i % 120, f"sku-{i}") for i in range(1, 301)])

QUERIES = []


def sql(text, params=()):
    QUERIES.append(text)
    return conn.execute(text, params).fetchall()


class Column:
    def __init__(self, name):
        self.name = name

    def __eq__(self, value):
        return (f"orders.{self.name} = ?", value)

    def desc(self):
        return f"orders.{self.name} DESC"


class Relationship:
    def __init__(self, name):
        self.name = name


class Customer:
    def __init__(self, id, name):
        self.id, self.name = id, name


class Order:
    status = Column("status")
    created_at = Column("created_at")
    customer = Relationship("customer")
    items = Relationship("items")

    def __init__(self, id, customer_id):
        self.id, self.customer_id = id, customer_id
        self._loaded = {}

    def __getattribute__(self, attr):
        if attr in ("customer", "items"):
            loaded = object.__getattribute__(self, "_loaded")
            if attr not in loaded:                       # lazy load: one query per access
                if attr == "customer":
                    row = sql("SELECT id, name FROM customers WHERE id = ?",
                              (object.__getattribute__(self, "customer_id"),))[0]
                    loaded[attr] = Customer(*row)
                else:
                    loaded[attr] = [r[0] for r in sql("SELECT sku FROM order_items WHERE order_id = ?",
                                                      (object.__getattribute__(self, "id"),))]
            return loaded[attr]
        return object.__getattribute__(self, attr)


class Option:
    def __init__(self, kind, rel):
        self.kind, self.rel = kind, rel.name


def joinedload(rel):
    return Option("joined", rel)


def selectinload(rel):
    return Option("selectin", rel)


class Query:
    def __init__(self):
        self.where, self.params, self.order, self.lim, self.opts = [], [], None, None, []

    def filter(self, cond):
        self.where.append(cond[0]); self.params.append(cond[1]); return self

    def order_by(self, order):
        self.order = order; return self

    def limit(self, n):
        self.lim = n; return self

    def options(self, *opts):
        self.opts.extend(opts); return self

    def all(self):
        join = any(o.kind == "joined" and o.rel == "customer" for o in self.opts)
        cols = "orders.id, orders.customer_id" + (", customers.name" if join else "")
        text = f"SELECT {cols} FROM orders" + (" JOIN customers ON customers.id = orders.customer_id" if join else "")
        text += " WHERE " + " AND ".join(self.where) + f" ORDER BY {self.order} LIMIT {self.lim}"
        rows = sql(text, self.params)
        orders = []
        for row in rows:
            o = Order(row[0], row[1])
            if join:
                o._loaded["customer"] = Customer(row[1], row[2])
            orders.append(o)
        if any(o.kind == "selectin" and o.rel == "items" for o in self.opts) and orders:
            ids = [o.id for o in orders]
            marks = ",".join("?" * len(ids))
            by_order = {i: [] for i in ids}
            for order_id, sku in sql(f"SELECT order_id, sku FROM order_items WHERE order_id IN ({marks})", ids):
                by_order[order_id].append(sku)
            for o in orders:
                o._loaded["items"] = by_order[o.id]
        return orders


class Session:
    def query(self, model):
        assert model is Order
        return Query()


session = Session()
RENDERED = []


def render(name, item_count):
    RENDERED.append((name, item_count))

{{EXAMPLE}}

# The "after" code: one JOIN for the to-one customer, one IN (...) query for the to-many items.
assert len(orders) == 50
assert len(QUERIES) == 2, QUERIES
assert "JOIN customers" in QUERIES[0] and " IN (" in QUERIES[1]
for o in orders:
    render(o.customer.name, len(o.items))
assert len(QUERIES) == 2, "rendering must not trigger lazy loads any more"
# same page content as the lazy version would produce
expected = [(f"customer {1 + oid % 30}",
             conn.execute("SELECT count(*) FROM order_items WHERE order_id = ?", (oid,)).fetchone()[0])
            for (oid,) in conn.execute("SELECT id FROM orders WHERE status = 'paid' ORDER BY created_at DESC LIMIT 50")]
assert RENDERED == expected
print("after: 2 queries")
