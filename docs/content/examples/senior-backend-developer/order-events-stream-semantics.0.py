# Harness: parses the pack's client settings the way a .properties file is read (comments
# only at the start of a line) and checks the values the answer relies on.
PROPS = r'''
{{EXAMPLE}}
'''

settings = {}
for line in PROPS.splitlines():
    line = line.strip()
    if not line or line.startswith(("#", "!")):
        continue
    key, _, value = line.partition("=")
    settings[key.strip()] = value.strip()

assert all("#" not in v for v in settings.values()), "an inline comment became part of a value"
assert settings["enable.idempotence"] == "true" and settings["acks"] == "all"
assert settings["enable.auto.commit"] == "false"          # commit after the effect
assert settings["partition.assignment.strategy"].endswith("CooperativeStickyAssignor")
assert settings["group.instance.id"] and settings["group.id"] == "loyalty"
assert int(settings["max.poll.interval.ms"]) == 5 * 60 * 1000
print("consumer and producer settings parse as intended")
