{{EXAMPLE}}

# ---- checks: two inspectors, one checklist item -------------------------
server = SyncServer()
r = server.apply({"op_id": "a0", "item_id": "i1", "base_version": 0,
                  "changes": {"result": "pass", "note": ""}})
assert r["version"] == 1 and r["fields"] == {"result": "pass", "note": ""}

# both go offline at version 1; B changes the result, A adds a note
b1 = {"op_id": "b1", "item_id": "i1", "base_version": 1, "changes": {"result": "fail"}}
a1 = {"op_id": "a1", "item_id": "i1", "base_version": 1, "changes": {"note": "crack in beam"}}
assert server.apply(b1)["version"] == 2
r = server.apply(a1)
assert r["fields"] == {"result": "fail", "note": "crack in beam"}   # both edits survive
assert r["conflicts"] == [] and r["version"] == 3

# A's push timed out and is retried: same answer, nothing applied twice
assert server.apply(a1) == r and server.rows["i1"][0] == 3

# both change the same field from version 3: the severity rule decides
server.apply({"op_id": "b2", "item_id": "i1", "base_version": 3, "changes": {"result": "pass"}})
r = server.apply({"op_id": "a2", "item_id": "i1", "base_version": 3,
                  "changes": {"result": "observation"}})
assert r["fields"]["result"] == "observation" and r["conflicts"] == ["result"]

# both rewrite the note: no rule, the server's value stays and the conflict is reported
server.apply({"op_id": "b3", "item_id": "i1", "base_version": 5, "changes": {"note": "beam replaced"}})
r = server.apply({"op_id": "a3", "item_id": "i1", "base_version": 5, "changes": {"note": "beam cracked"}})
assert r["fields"]["note"] == "beam replaced" and r["conflicts"] == ["note"]

# the merge on its own
assert merge_fields({"x": 1}, {"x": 2}, {"x": 1}) == ({"x": 2}, [])
assert merge_fields({"x": 1}, {"x": 1}, {"x": 3}) == ({"x": 3}, [])
assert merge_fields({"x": 1}, {"x": 2}, {"x": 2}) == ({"x": 2}, [])
print("ok")
