{{EXAMPLE}}

# ---- checks -------------------------------------------------------------
MiB = 1024 * 1024

def test_byte_budget_and_recency():
    c = ByteLRU(10 * MiB)
    c.put("a", "A", 4 * MiB)
    c.put("b", "B", 4 * MiB)
    assert c.get("a") == "A"                 # a is now most recent
    c.put("c", "C", 4 * MiB)                 # 12 MiB > 10: evict least recent (b)
    assert c.get("b") is None and c.get("a") == "A" and c.get("c") == "C"
    assert c.used == 8 * MiB == sum(s for _, s in c.items.values())
    c.put("a", "A2", 1 * MiB)                # replacing keeps the total right
    assert c.used == 5 * MiB and c.get("a") == "A2"
    c.put("huge", "H", 11 * MiB)             # bigger than the budget: not cached
    assert c.get("huge") is None and c.used == 5 * MiB

def test_arithmetic_in_the_answer():
    assert 1080 * 1080 * 4 == 4_665_600
    assert (64 * MiB) // 4_665_600 == 14
    assert 300 * 300 * 4 == 360_000

async def settle():
    for _ in range(5):
        await asyncio.sleep(0)

async def scenario():
    calls, cancelled = [], []
    gate = asyncio.Event()

    async def fetch(url):
        calls.append(url)
        try:
            await gate.wait()
        except asyncio.CancelledError:
            cancelled.append(url)
            raise
        if url.endswith("broken"):
            raise IOError("HTTP 500")
        return f"img:{url}", 1000

    loader = ImageLoader(fetch, ByteLRU(10_000))

    # two cells ask for the same URL: one request, both get the image
    t1 = asyncio.create_task(loader.load("u1"))
    t2 = asyncio.create_task(loader.load("u1"))
    await settle()
    assert calls == ["u1"]
    gate.set()
    assert await t1 == await t2 == "img:u1"
    assert loader.inflight == {}
    assert await loader.load("u1") == "img:u1" and calls == ["u1"]   # cache hit

    # one of two callers scrolls away: the other still gets the image
    gate.clear()
    a = asyncio.create_task(loader.load("u2"))
    b = asyncio.create_task(loader.load("u2"))
    await settle()
    a.cancel()
    await settle()
    assert cancelled == []
    gate.set()
    assert await b == "img:u2"
    try:
        await a
        raise AssertionError("the cancelled caller should not get a result")
    except asyncio.CancelledError:
        pass
    assert calls.count("u2") == 1

    # every caller leaves: the download is cancelled and forgotten
    gate.clear()
    c = asyncio.create_task(loader.load("u3"))
    await settle()
    c.cancel()
    await settle()
    assert cancelled == ["u3"] and "u3" not in loader.inflight
    gate.set()
    assert await loader.load("u3") == "img:u3" and calls.count("u3") == 2

    # a failure is not cached; the next caller retries
    gate.set()
    for _ in range(2):
        try:
            await loader.load("broken")
            raise AssertionError("expected the fetch error")
        except IOError:
            pass
    assert calls.count("broken") == 2 and loader.cache.get("broken") is None
    assert loader.inflight == {}

test_byte_budget_and_recency()
test_arithmetic_in_the_answer()
asyncio.run(scenario())
print("ok")
