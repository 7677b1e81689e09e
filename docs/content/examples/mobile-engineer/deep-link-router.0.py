{{EXAMPLE}}

# ---- checks -------------------------------------------------------------
assert route("https://shop.example.com/p/sku_123") == Product("sku_123")
assert route("https://SHOP.example.com/p/sku_123") == Product("sku_123")
assert route("https://shop.example.com/orders/A77?tab=tracking") == Order("A77", "tracking")
assert route("https://shop.example.com/orders/A77?tab=admin") == Order("A77", "summary")
assert route("https://shop.example.com/orders/A77/") == Order("A77", "summary")
assert route("shopapp://order/A77") == Order("A77", "summary")
assert route("shopapp://order/A77?tab=items") == Order("A77", "items")

for bad in [
    "https://shop.example.com.evil.net/p/1",      # look-alike host
    "https://evil.net/shop.example.com/p/1",      # host hidden in the path
    "http://shop.example.com/p/1",                # not https
    "javascript:alert(1)",
    "https://shop.example.com/p/../../admin",     # not an id
    "https://shop.example.com/p/" + "x" * 41,     # id too long
    "https://shop.example.com/p/1%27%20OR%201=1", # not an id
    "https://shop.example.com/settings",
    "shopapp://wallet/topup?amount=500",
    "https://[::1/p/1",                           # unparseable
]:
    assert isinstance(route(bad), Rejected), bad

nav = Navigator(signed_in=False)
nav.open_link("https://shop.example.com/p/sku_1")            # no session needed
nav.open_link("https://shop.example.com/orders/A1")
nav.open_link("https://shop.example.com/orders/A2?tab=tracking")  # latest wins
nav.open_link("https://evil.net/x")
assert nav.shown == [Product("sku_1"), "sign-in", "sign-in", "home"]
nav.did_sign_in()
assert nav.shown[-1] == Order("A2", "tracking") and nav.pending is None
nav.open_link("https://shop.example.com/orders/A3")
assert nav.shown[-1] == Order("A3", "summary")
print("ok")
