# Harness: signs tokens with the same HS256 construction, then checks that every rule
# the answer lists is enforced by the example's verify_hs256.
{{EXAMPLE}}

KEY = b"k" * 32
NOW = 1_700_000_000


def enc(obj):
    return base64.urlsafe_b64encode(json.dumps(obj).encode()).rstrip(b"=").decode()


def sign(claims, header=None, key=KEY):
    h = enc(header or {"alg": "HS256", "typ": "JWT"})
    p = enc(claims)
    s = base64.urlsafe_b64encode(hmac.new(key, f"{h}.{p}".encode(), hashlib.sha256).digest()).rstrip(b"=").decode()
    return f"{h}.{p}.{s}"


GOOD = {"sub": "user-42", "iss": "https://auth.example.com", "aud": "orders-api", "exp": NOW + 600}


def rejects(token, why, **kw):
    args = dict(issuer="https://auth.example.com", audience="orders-api", now=NOW)
    args.update(kw)
    try:
        verify_hs256(token, KEY, **args)
    except InvalidToken as e:
        assert why in str(e), (why, str(e))
        return True
    raise AssertionError(f"accepted a token that should fail with {why!r}")


assert verify_hs256(sign(GOOD), KEY, issuer="https://auth.example.com", audience="orders-api", now=NOW)["sub"] == "user-42"
assert verify_hs256(sign({**GOOD, "aud": ["billing", "orders-api"]}), KEY,
                    issuer="https://auth.example.com", audience="orders-api", now=NOW)
rejects(sign(GOOD, key=b"x" * 32), "bad signature")
h, p, s = sign(GOOD).split(".")
tampered = enc({**GOOD, "sub": "admin"})
rejects(f"{h}.{tampered}.{s}", "bad signature")
rejects(sign(GOOD, header={"alg": "none"}), "unexpected algorithm")
rejects(f"{enc({'alg': 'none'})}.{p}.", "unexpected algorithm")
rejects(sign({**GOOD, "exp": NOW - 31}), "expired")
assert verify_hs256(sign({**GOOD, "exp": NOW - 10}), KEY, issuer="https://auth.example.com",
                    audience="orders-api", now=NOW)          # inside the 30 s leeway
rejects(sign({k: v for k, v in GOOD.items() if k != "exp"}), "expired")
rejects(sign({**GOOD, "nbf": NOW + 120}), "not valid yet")
rejects(sign({**GOOD, "iss": "https://evil.example"}), "wrong issuer")
rejects(sign({**GOOD, "aud": "billing"}), "another service")
rejects("not-a-token", "malformed")
rejects("a.b.c", "malformed")
print("token checks passed")
