# Harness: stubs for the web framework, the database handle and the logger, then checks
# that the pull request really has the problems the review comments name.
import sqlite3

conn = sqlite3.connect(":memory:")
conn.row_factory = sqlite3.Row
conn.executescript("""
CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER, total_cents INTEGER, ship_to TEXT, internal_fraud_score REAL);
CREATE TABLE order_items (id INTEGER PRIMARY KEY, order_id INTEGER, sku TEXT);
INSERT INTO orders VALUES (1, 7, 1200, '1 Main St, Springfield', 0.1), (2, 7, 800, '1 Main St, Springfield', 0.2),
                          (3, 8, 5000, '9 Elm Rd, Shelbyville', 0.9);
INSERT INTO order_items VALUES (1, 1, 'a'), (2, 2, 'b'), (3, 3, 'c');
""")
QUERIES = []
FAIL = {"on": False}


class DB:
    def execute(self, text):
        if FAIL["on"]:
            raise sqlite3.OperationalError("database is unavailable")
        QUERIES.append(text)
        return conn.execute(text)


class Log:
    lines = []

    def info(self, msg):
        self.lines.append(msg)


class App:
    def get(self, path):
        return lambda fn: fn


def jsonify(value):
    return [dict(r) if isinstance(r, sqlite3.Row) else
            {k: ([dict(i) for i in v] if k == "items" else v) for k, v in r.items()} for r in value]


app, db, log = App(), DB(), Log()

{{EXAMPLE}}

# blocking: SQL injection through the f-string
leaked = export_orders("7 OR 1=1")
assert {o["user_id"] for o in leaked} == {7, 8}, "injection should expose user 8's orders"

# blocking: no authorisation check; anyone can ask for user 8
assert [o["id"] for o in export_orders("8")] == [3]

# suggestion: one items query per order (N+1)
QUERIES.clear()
export_orders("7")
assert len(QUERIES) == 1 + 2

# blocking: personal data (addresses) in the log
assert any("1 Main St" in line for line in Log.lines)

# SELECT * also returns internal columns
assert "internal_fraud_score" in export_orders("7")[0]

# blocking: an outage becomes an empty, successful-looking export
FAIL["on"] = True
assert export_orders("7") == []
print("each review finding reproduced")
