# Harness: stubs for the web framework, service and repository, then checks of the
# If-Match handling the answer describes (RFC 9110 strong comparison, 412, 428, 400).
import contextlib
import types


class HTTPError(Exception):
    status = 500


class NotFound(HTTPError):
    status = 404


class BadRequest(HTTPError):
    status = 400


class PreconditionFailed(HTTPError):
    status = 412


class PreconditionRequired(HTTPError):
    status = 428


class Router:
    def __init__(self):
        self.routes = {}

    def patch(self, path):
        def register(fn):
            self.routes[("PATCH", path)] = fn
            return fn
        return register


router = Router()


class Address:
    def __init__(self, id, customer_id, line1, is_default=False, version=1):
        self.id, self.customer_id, self.line1 = id, customer_id, line1
        self.is_default, self.version = is_default, version

    def apply(self, patch):
        if patch.line1 is not None:
            self.line1 = patch.line1
        if patch.is_default:
            self.is_default = True

    def to_json(self):
        return {"id": self.id, "line1": self.line1, "is_default": self.is_default}


class AddressPatch:
    def __init__(self, line1=None, is_default=False):
        self.line1, self.is_default = line1, is_default

    @classmethod
    def parse(cls, body):
        if "line1" in body and not isinstance(body["line1"], str):
            raise BadRequest("line1 must be a string")
        return cls(body.get("line1"), bool(body.get("is_default")))


STORE = {(42, 981): Address(981, 42, "1 Main St", version=1),
         (42, 982): Address(982, 42, "2 Side St", is_default=True, version=4)}


class Repo:
    def get_for_update(self, customer_id, address_id):
        return STORE.get((customer_id, address_id))

    def clear_default(self, customer_id, except_id):
        for (cid, aid), a in STORE.items():
            if cid == customer_id and aid != except_id and a.is_default:
                a.is_default = False
                a.version += 1

    def save(self, addr):
        addr.version += 1


repo = Repo()
db = types.SimpleNamespace(transaction=contextlib.nullcontext)


class User:
    def __init__(self, customer_ids):
        self.customer_ids = customer_ids

    def can_access_customer(self, customer_id):
        return customer_id in self.customer_ids


# address_service.update resolves to the example's module-level update() at call time
address_service = types.SimpleNamespace(update=lambda *args: update(*args))

{{EXAMPLE}}


def call(if_match, body=None, customer=42, address=981, user=User({42})):
    try:
        status, payload, headers = update_address(customer, address, body or {}, user, if_match)
        return status, headers.get("ETag")
    except HTTPError as e:
        return e.status, None


# Parsing: quotes stripped, W/ recognised, lists and * understood.
assert parse_if_match('"7"') == [(False, "7")]
assert parse_if_match('W/"7"') == [(True, "7")]
assert parse_if_match(' "3", W/"4" , "5"') == [(False, "3"), (True, "4"), (False, "5")]
assert parse_if_match("*") == "*"
for bad in ["7", '"7', "", 'W/7']:
    try:
        parse_if_match(bad)
        raise AssertionError(f"accepted {bad!r}")
    except BadRequest:
        pass

# Strong comparison: the integer version matches only an unquoted-equal strong tag.
assert if_match_passes([(False, "7")], 7)
assert not if_match_passes([(True, "7")], 7)          # weak never matches
assert not if_match_passes([(False, "6")], 7)
assert if_match_passes([(False, "6"), (False, "7")], 7)
assert if_match_passes("*", 7)

# End to end through the handler.
assert call('"1"', {"line1": "1 New St"}) == (200, '"2"')      # current version -> 200, new ETag
assert call('"1"', {"line1": "again"}) == (412, None)         # stale version -> 412
assert call('W/"2"', {"line1": "weak"}) == (412, None)        # weak tag -> 412
assert call(None, {"line1": "no header"}) == (428, None)      # header required
assert call("2", {"line1": "unquoted"}) == (400, None)        # malformed -> 400
assert call("*", {"line1": "any"}) == (200, '"3"')            # * matches an existing address
assert call('"3"', {}, user=User({7})) == (404, None)         # another customer's address
assert call('"3"', {}, address=999) == (404, None)            # unknown address
assert call('"3"', {"is_default": True}) == (200, '"4"')
assert STORE[(42, 981)].is_default and not STORE[(42, 982)].is_default
print("crud-endpoint checks passed")
