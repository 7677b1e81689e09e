# Set-up: in-memory stand-ins for the API client and browser fixtures of the framework.
class FakeApi:
    def __init__(self):
        self.customers = {}
    def post(self, path, body):
        assert path == "/customers"
        assert all(c["email"] != body["email"] for c in self.customers.values()), "emails must be unique"
        cid = len(self.customers) + 1
        self.customers[cid] = {"id": cid, **body}
        return self.customers[cid]

class FakeBrowser:
    def __init__(self, api):
        self.api, self.page = api, None
    def goto(self, path):
        self.page = self.api.customers[int(path.rsplit("/", 1)[1])]
    def text(self, selector):
        assert selector == '[data-testid="customer-badge"]'
        return "VIP" if self.page["vip"] else ""

{{EXAMPLE}}

# Checks: both tests pass, and the builder gives every parallel worker distinct data.
api = FakeApi()
browser = FakeBrowser(api)
test_vip_customer_shows_badge(api, browser)
test_regular_customer_has_no_badge(api, browser)
assert len({CustomerBuilder().email for _ in range(1000)}) == 1000
