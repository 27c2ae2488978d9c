"""Removing an entry that is not (or no longer) on the organisation's lists says so, in the
reader's language, instead of claiming a removal; nothing else is touched."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages

from dari.accounts.models import OrganizationLink
from tests.factories import OrganizationFactory


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "That organisation is not on your lists (any more)."),
        ("ko", "그 기관은 (더 이상) 목록에 없습니다."),
    ],
)
def test_removing_a_missing_entry_is_an_error_not_a_success(client, directory, lang, expected):
    other = OrganizationFactory()
    theirs = OrganizationLink.objects.create(owner=other, other=directory["pharma"], kind="cda")
    client.force_login(directory["admin"])
    for remove in [str(theirs.pk), "999999", "abc"]:
        response = client.post(
            "/organizations/org-hanbit/links",
            {"remove": remove},
            HTTP_ACCEPT_LANGUAGE=lang,
            follow=True,
        )
        assert response.redirect_chain[0][1] == 302
        shown = [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]
        assert ("error", expected) in shown and "success" not in dict(shown), shown
        assert expected in response.content.decode()
    assert OrganizationLink.objects.filter(pk=theirs.pk).exists()
