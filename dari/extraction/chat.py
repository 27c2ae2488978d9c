"""The one model backend shipped: a client for an OpenAI-compatible chat-completions endpoint,
what llama.cpp's `llama-server`, vLLM and Ollama serve on the machine that runs them.

The text goes to the configured address and nowhere else: no proxy from the environment is
used and no redirect is followed. One request per text, no retries, except that a server
which refuses the JSON schema (`response_format`) with a 400 is asked once more without it,
and then never again with it. The whole exchange must end within `timeout` seconds. Every
failure is a `ModelError`, which `backend.extract_with` logs and answers with the rules'
reading. Standard library only; nothing of Django.
"""

from __future__ import annotations

import http.client
import json
import re
import time
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import urlsplit

from dari.extraction.backend import (
    AMOUNT_FIELDS,
    ROLES,
    ModelError,
    Suggestion,
    suggestion_from_json,
)
from dari.extraction.model import Candidate

MAX_ANSWER = 1_000_000  # bytes: an answer longer than this is no answer
_NULLABLE = {"type": ["string", "null"]}
SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["parties", *AMOUNT_FIELDS, "currency", "date"],
    "properties": {
        "parties": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["name", "role"],
                "properties": {
                    "name": {"type": "string"},
                    "role": {
                        "type": "string",
                        "enum": sorted({r for v in ROLES.values() for r in v}),
                    },
                },
            },
        },
        **{name: _NULLABLE for name in AMOUNT_FIELDS},
        "currency": _NULLABLE,
        "date": _NULLABLE,
    },
}
SYSTEM = """You read one text (a press release or news article, in English or Korean) about a \
biopharmaceutical deal or funding round, and answer with one JSON object only.

parties: each company that is a party to THIS deal, with
  name: the company's name copied exactly as the text writes it (no translation, no added or \
removed words);
  role: licensor (grants the rights), licensee (takes them), acquirer (buys), target (is \
bought, or sells what is bought), partner (both sides of a collaboration or joint venture \
with no direction), investee (raises money), investor (puts money in).
Leave out companies named only for another or earlier deal, and brokers or advisers.

upfront, milestones, total: each amount copied exactly as the text writes it, with its \
currency and unit ("$40 million", "USD 1.2 billion", "500억원", "1조 2,000억원"), or null when \
the text states none. Never compute, add up or convert an amount. For a funding round, put the \
amount raised in total.
currency: the ISO code of those amounts (USD, KRW, EUR, ...), or null.
date: the date the deal was signed or announced, copied exactly as written, or null.

A reading by rules is given; keep what it has right and correct what the text contradicts."""


def endpoint(url: str) -> str:
    """The chat-completions address of a server given by its base ("http://127.0.0.1:8080/v1")
    or in full; ValueError for an address that is no http(s) URL."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"{url!r} is not an http:// or https:// address")
    base = url.strip().rstrip("/")
    return base if base.endswith("/chat/completions") else base + "/chat/completions"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """The text is sent to the address configured, not wherever that server points."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def _rules_reading(candidates: list[Candidate]) -> dict[str, Any]:
    """The rules' first candidate as the model is asked to answer: names and amounts as the
    text writes them."""
    cand = candidates[0]
    out: dict[str, Any] = {
        "kind": cand.kind,
        "parties": [
            {"name": p.get("mentioned_as") or p.get("name"), "role": p.get("role")}
            for p in cand.fields.get("parties") or []
        ],
    }
    names = {"amount": "total"} if cand.kind == "investment" else {}
    for name in ("upfront", "milestones", "total", "amount"):
        if name in cand.evidence:
            out[names.get(name, name)] = cand.evidence[name].strip()
    if cand.fields.get("currency"):
        out["currency"] = cand.fields["currency"]
    if "date" in cand.evidence:
        out["date"] = cand.evidence["date"]
    return out


def _content(answer: Any) -> Any:
    """The JSON object in a chat completion's first message (a model may fence it)."""
    try:
        content = answer["choices"][0]["message"]["content"]
    except (KeyError, IndexError, TypeError):
        raise ModelError("the answer has no message") from None
    if not isinstance(content, str):
        raise ModelError("the message is not text")
    fenced = re.search(r"\{.*\}", content, re.S)
    try:
        return json.loads(fenced.group(0) if fenced else content)
    except ValueError:
        raise ModelError("the message is not JSON") from None


class ChatModel:
    """An `ExtractionModel` served at an OpenAI-compatible `/chat/completions`."""

    def __init__(
        self,
        url: str,
        model: str = "",
        timeout: float = 60.0,
        api_key: str = "",
        max_chars: int = 24_000,
    ) -> None:
        self.url = endpoint(url)
        self.model = model
        self.timeout = timeout
        self.api_key = api_key
        self.max_chars = max_chars
        self.structured = True  # until the server refuses `response_format`
        self._opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirect())

    def _body(self, text: str, lang: str, candidates: list[Candidate]) -> dict[str, Any]:
        reading = json.dumps(_rules_reading(candidates), ensure_ascii=False)
        body: dict[str, Any] = {
            "messages": [
                {"role": "system", "content": SYSTEM},
                {
                    "role": "user",
                    "content": f"Language: {lang}\n\nText:\n{text[: self.max_chars]}\n\n"
                    f"Reading by rules: {reading}",
                },
            ],
            "temperature": 0,
            "max_tokens": 1000,
            "stream": False,
        }
        if self.model:
            body["model"] = self.model
        if self.structured:
            body["response_format"] = {
                "type": "json_schema",
                "json_schema": {"name": "deal", "strict": True, "schema": SCHEMA},
            }
        return body

    def _post(self, body: dict[str, Any], deadline: float) -> Any:
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        request = urllib.request.Request(
            self.url, json.dumps(body).encode(), headers=headers, method="POST"
        )
        left = deadline - time.monotonic()
        with self._opener.open(request, timeout=max(left, 0.001)) as response:
            chunks: list[bytes] = []
            size = 0
            while chunk := response.read(65_536):
                size += len(chunk)
                if size > MAX_ANSWER:
                    raise ModelError(f"the answer is longer than {MAX_ANSWER} bytes")
                if time.monotonic() > deadline:
                    raise ModelError(f"no answer within {self.timeout:g} s")
                chunks.append(chunk)
        return json.loads(b"".join(chunks))

    def suggest(self, text: str, lang: str, candidates: list[Candidate]) -> Suggestion:
        deadline = time.monotonic() + self.timeout
        host = urlsplit(self.url).netloc
        try:
            try:
                answer = self._post(self._body(text, lang, candidates), deadline)
            except urllib.error.HTTPError as exc:
                if exc.code != 400 or not self.structured:
                    raise
                exc.close()
                self.structured = False  # a server without JSON schemas: ask in words alone
                answer = self._post(self._body(text, lang, candidates), deadline)
        except urllib.error.HTTPError as exc:
            exc.close()  # its body is not read: a server may echo the text in it
            raise ModelError(f"{host} answered HTTP {exc.code}") from None
        except (TimeoutError, urllib.error.URLError) as exc:
            reason = getattr(exc, "reason", exc)
            raise ModelError(f"{host} did not answer ({reason or 'timed out'})") from None
        except (OSError, http.client.HTTPException) as exc:
            raise ModelError(f"{host} broke off ({type(exc).__name__})") from None
        except ValueError:
            raise ModelError(f"{host} answered with no JSON") from None
        return suggestion_from_json(_content(answer))
