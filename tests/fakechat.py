"""A stand-in for a local model server: an OpenAI-compatible `/v1/chat/completions` on
127.0.0.1 at a free port, in a thread, answering each request with what the test gives it
(a canned completion, an HTTP error, garbage, or no answer until the test ends)."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Reply = tuple[int, bytes]  # status, body


def completion(answer: Any) -> Reply:
    """A chat completion whose message is `answer` as JSON (or as given, if a string)."""
    content = answer if isinstance(answer, str) else json.dumps(answer, ensure_ascii=False)
    body = {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content},
                "finish_reason": "stop",
            }
        ],
    }
    return 200, json.dumps(body).encode()


class FakeChat:
    """`with FakeChat(reply) as server:` serves at `server.url`; `server.requests` holds each
    request's path and JSON body. `reply(body)` gives (status, bytes), or None to hang until
    the server stops."""

    def __init__(self, reply: Callable[[dict[str, Any]], Reply | None]):
        self.reply = reply
        self.requests: list[tuple[str, dict[str, Any]]] = []
        self.released = threading.Event()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (the stdlib's name)
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                body = json.loads(raw or b"{}")
                fake.requests.append((self.path, body))
                answer = fake.reply(body)
                if answer is None:
                    fake.released.wait(10)
                    return
                status, data = answer
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FakeChat:
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.released.set()
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()
