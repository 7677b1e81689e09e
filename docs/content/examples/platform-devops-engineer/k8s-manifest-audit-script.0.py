# Harness: fixture documents shaped like `kubectl get deployments -A -o json`, and the
# tests the answer lists, run against the example's functions.
import io

{{EXAMPLE}}


def deployment(ns, name, containers, init=(), annotations=None):
    return {"metadata": {"namespace": ns, "name": name, "annotations": annotations or {}},
            "spec": {"template": {"spec": {"containers": list(containers), "initContainers": list(init)}}}}


GOOD = {"name": "app", "image": "registry.example.com/orders@sha256:" + "a" * 64,
        "resources": {"requests": {"cpu": "250m", "memory": "256Mi"}, "limits": {"memory": "512Mi"}},
        "readinessProbe": {"httpGet": {"path": "/ready", "port": 8080}}}

# image parsing
assert image_problems("registry.example.com/orders@sha256:" + "a" * 64) == []
assert [r for r, _ in image_problems("registry:5000/orders:1.4.2")] == ["digest"]      # port is not a tag
assert [r for r, _ in image_problems("registry:5000/orders")] == ["digest", "latest"]  # no tag at all
assert [r for r, _ in image_problems("nginx:latest")] == ["digest", "latest"]

# a clean deployment has no findings; an init container without a probe is fine
init = dict(GOOD, name="migrate")
init.pop("readinessProbe")
assert audit({"items": [deployment("prod-orders", "orders", [GOOD], init=[init])]}) == []

# each rule fires once
bad = {"name": "web", "image": "web:latest", "resources": {}}
found = audit({"items": [deployment("prod-web", "web", [bad])]})
assert sorted(f[2] for f in found) == sorted(["no memory limit", "no CPU request", "image not pinned by digest",
                                         "image uses 'latest' or no tag", "no readiness probe"])
assert all(f[1] == "prod-web/web/web" for f in found)

# an exemption annotation skips only the named rules
ex = audit({"items": [deployment("prod-web", "web", [bad], annotations={EXEMPT: "readiness, latest"})]})
assert sorted(f[2] for f in ex) == ["image not pinned by digest", "no CPU request", "no memory limit"]

# exit codes: production findings fail CI, staging findings only report
out = io.StringIO()
doc = {"items": [deployment("staging-web", "web", [bad]), deployment("prod-orders", "orders", [GOOD])]}
assert main(io.StringIO(json.dumps(doc)), out) == 0
assert "5 findings, 0 in production namespaces" in out.getvalue()
out = io.StringIO()
doc["items"].append(deployment("prod-web", "web", [bad]))
assert main(io.StringIO(json.dumps(doc)), out) == 1
assert "prod-web/web/web: no readiness probe" in out.getvalue()
assert main(io.StringIO('{"items": []}'), io.StringIO()) == 0
print("audit script tests passed")
