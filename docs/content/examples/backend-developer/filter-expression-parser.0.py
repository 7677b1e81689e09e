# Harness: the example's documented result, and the rejections the answer promises.
{{EXAMPLE}}

assert parse_filter('status:paid amount>=1000 customer:"Ada Lovelace"') == (
    "o.status = %s AND o.total_cents >= %s AND c.name = %s", ["paid", 1000, "Ada Lovelace"])
assert parse_filter("") == ("TRUE", [])
assert parse_filter("created<2024-06-01")[1] == [date(2024, 6, 1)]
for bad, why in [("password:x", "unknown field"), ("amount>=lots", "bad value"),
                 ("status paid", "cannot parse"), ('customer:"x"; DROP TABLE orders', "cannot parse")]:
    try:
        parse_filter(bad)
        raise AssertionError(f"accepted {bad!r}")
    except FilterError as e:
        assert why in str(e), (bad, str(e))
# user text only ever reaches the parameters, never the SQL string
sql, params = parse_filter("customer:\"Robert'); DROP TABLE students;--\"")
assert "DROP" not in sql and params == ["Robert'); DROP TABLE students;--"]
print("filter parser checks passed")
