"""A client of the ClinicalTrials.gov API v2 (`GET /api/v2/studies`): pages through the studies
of a country (and optionally a condition, and studies updated since a date), importing each
page as it arrives (one transaction per page), at most one request a second, backing off on
429 (honouring Retry-After) and on passing server errors, resumable from the page token saved
in a state file after every page."""

from __future__ import annotations

import datetime as dt
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dari.trials.ctgov import studies_of
from dari.trials.importer import TrialImportError, import_studies

API_URL = "https://clinicaltrials.gov/api/v2/studies"
USER_AGENT = "dari-trials/1"


class FetchError(Exception):
    """The registry could not be read (after retries); the state file keeps the last page."""


@dataclass
class Fetcher:
    base_url: str = API_URL
    min_interval: float = 1.0  # seconds between two requests
    max_retries: int = 6
    timeout: float = 60.0
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    _last: float | None = field(default=None, init=False)
    requests: int = field(default=0, init=False)

    def _wait_turn(self) -> None:
        if self._last is not None:
            wait = self.min_interval - (self.clock() - self._last)
            if wait > 0:
                self.sleep(wait)
        self._last = self.clock()

    def get(self, params: dict[str, str]) -> dict[str, Any]:
        """One page of studies as parsed JSON."""
        url = f"{self.base_url}?{urllib.parse.urlencode(params)}"
        delay = 2.0
        for _attempt in range(self.max_retries + 1):
            self._wait_turn()
            self.requests += 1
            request = urllib.request.Request(
                url, headers={"Accept": "application/json", "User-Agent": USER_AGENT}
            )
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 (https or a test's loopback URL)
                    data: dict[str, Any] = json.loads(response.read().decode("utf-8"))
                    return data
            except urllib.error.HTTPError as exc:
                if exc.code != 429 and exc.code < 500:
                    raise FetchError(f"{url}: HTTP {exc.code}") from None
                retry_after = exc.headers.get("Retry-After", "")
                wait = float(retry_after) if retry_after.strip().isdigit() else delay
                self.sleep(wait)
                delay = min(delay * 2, 300.0)
            except (urllib.error.URLError, TimeoutError, json.JSONDecodeError):
                self.sleep(delay)
                delay = min(delay * 2, 300.0)
        raise FetchError(f"{url}: no answer after {self.max_retries + 1} attempts")


def query_params(
    country: str, condition: str = "", since: dt.date | None = None, page_size: int = 100
) -> dict[str, str]:
    params = {"format": "json", "pageSize": str(page_size), "query.locn": country}
    if condition:
        params["query.cond"] = condition
    if since:
        params["filter.advanced"] = f"AREA[LastUpdatePostDate]RANGE[{since.isoformat()},MAX]"
    return params


def fetch_studies(
    params: dict[str, str],
    state_file: Path,
    fetcher: Fetcher,
    save_dir: Path | None = None,
    on_page: Callable[[int, Counter[str]], None] | None = None,
    max_pages: int | None = None,
) -> Counter[str]:
    """Fetch and import every page; resumes from `state_file` when it holds the same query."""
    state: dict[str, Any] = {}
    if state_file.exists():
        state = json.loads(state_file.read_text(encoding="utf-8"))
        if state.get("query") != params:
            state = {}
    token = state.get("next_page_token")
    if state and token is None:
        return Counter(done=1)  # this query was fetched to its end
    page = int(state.get("pages", 0))
    total: Counter[str] = Counter()
    while True:
        if max_pages is not None and page >= max_pages:
            break
        query = {**params, **({"pageToken": token} if token else {})}
        doc = fetcher.get(query)
        errors: list[str] = []
        name = f"page {page + 1}"
        studies = studies_of(doc, name, errors, origin="ctgov")
        if errors:
            raise TrialImportError(errors)
        if save_dir is not None:
            save_dir.mkdir(parents=True, exist_ok=True)
            (save_dir / f"ctgov-{page + 1:05d}.json").write_text(
                json.dumps(doc, ensure_ascii=False), encoding="utf-8"
            )
        counts = import_studies(studies)
        total += counts
        page += 1
        token = doc.get("nextPageToken")
        state = {"query": params, "next_page_token": token, "pages": page}
        state_file.parent.mkdir(parents=True, exist_ok=True)
        state_file.write_text(json.dumps(state), encoding="utf-8")
        if on_page:
            on_page(page, counts)
        if not token:
            break
    total["pages"] = page
    return total
