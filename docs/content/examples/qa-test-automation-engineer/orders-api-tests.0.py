# Set-up: a small in-process implementation of the POST /orders specification on a free port.
import json, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ORDERS, KEYS, LOCK = {}, {}, threading.Lock()
TOKENS = {"Bearer test-token-buyer-1": "buyer-1"}

class Api(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def reply(self, status, body, headers=None):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if TOKENS.get(self.headers.get("Authorization")) is None:
            return self.reply(401, {"error": "unauthenticated"})
        order = ORDERS.get(self.path.rsplit("/", 1)[-1])
        return self.reply(200, order) if order else self.reply(404, {"error": "not found"})

    def do_POST(self):
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        user = TOKENS.get(self.headers.get("Authorization"))
        if user is None:
            return self.reply(401, {"error": "unauthenticated"})
        try:
            body = json.loads(raw)
        except ValueError:
            return self.reply(400, {"error": "malformed JSON"})
        q = body.get("quantity")
        if not isinstance(body.get("sku"), str):
            return self.reply(422, {"field": "sku", "error": "required"})
        if type(q) is not int or not 1 <= q <= 10:
            return self.reply(422, {"field": "quantity", "error": "must be an integer from 1 to 10"})
        key = self.headers.get("Idempotency-Key")
        with LOCK:
            if key in KEYS:
                seen_body, order_id = KEYS[key]
                if seen_body != body:
                    return self.reply(422, {"error": "idempotency key reused with a different body"})
                return self.reply(200, ORDERS[order_id], {"Location": f"/orders/{order_id}"})
            order_id = str(len(ORDERS) + 1)
            ORDERS[order_id] = {"id": order_id, "sku": body["sku"], "quantity": q, "status": "pending"}
            KEYS[key] = (body, order_id)
        return self.reply(201, ORDERS[order_id], {"Location": f"/orders/{order_id}"})

server = ThreadingHTTPServer(("127.0.0.1", 0), Api)
threading.Thread(target=server.serve_forever, daemon=True).start()
BASE_URL = f"http://127.0.0.1:{server.server_address[1]}"

{{EXAMPLE}}

# Checks: every test in the example passes against the implementation, and there are six.
tests = [f for name, f in sorted(globals().items()) if name.startswith("test_") and callable(f)]
assert len(tests) == 6, len(tests)
for t in tests:
    t()
server.shutdown()
