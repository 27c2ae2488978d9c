"""Cached reader answers are keyed by the code that rendered them: after a release (templates,
code or translations changed), a page is rendered anew, never served as the old code made it."""

from __future__ import annotations

import pytest

from dari.directory.domain import readercache
from tests.web.html import text

pytestmark = pytest.mark.django_db


def test_a_new_release_renders_anew(client, directory, monkeypatch):
    first = text(client.get("/assets/", HTTP_ACCEPT_LANGUAGE="ko"))
    assert "한빛바이오" in first
    # The same release reads its own cached answer ...
    rendered = []
    real_build = readercache.cache.set
    monkeypatch.setattr(
        readercache.cache, "set", lambda *a, **k: (rendered.append(a[0]), real_build(*a, **k))
    )
    client.get("/assets/", HTTP_ACCEPT_LANGUAGE="ko")
    assert rendered == []
    # ... a new one does not.
    monkeypatch.setattr(readercache, "code_version", lambda: "a-newer-release")
    again = text(client.get("/assets/", HTTP_ACCEPT_LANGUAGE="ko"))
    assert len(rendered) == 1 and "한빛바이오" in again


def test_the_code_version_is_a_digest_of_the_package():
    version = readercache.code_version()
    assert len(version) == 16 and version == readercache.code_version()
