"""A local webhook receiver for the tests: http.server on the loopback interface, in a thread.
It answers with the codes it is given (then 200) and checks each signature as an integrator
would: recompute HMAC-SHA256 over "<t>.<body>" with the endpoint's secret."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer


class Receiver:
    def __init__(self, codes=()):
        self.codes = list(codes)
        self.received: list[dict] = []
        self.secret = ""
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's name)
                body = self.rfile.read(int(self.headers["Content-Length"])).decode()
                outer.received.append(
                    {
                        "path": self.path,
                        "body": body,
                        "json": json.loads(body),
                        "event": self.headers["Dari-Event"],
                        "verified": outer.verify(self.headers["Dari-Signature"], body),
                    }
                )
                code = outer.codes.pop(0) if outer.codes else 200
                self.send_response(code)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}/hook"

    def verify(self, header: str, body: str) -> bool:
        parts = dict(item.split("=", 1) for item in header.split(","))
        expected = hmac.new(
            self.secret.encode(), f"{parts['t']}.{body}".encode(), hashlib.sha256
        ).hexdigest()
        return hmac.compare_digest(expected, parts["v1"])

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
