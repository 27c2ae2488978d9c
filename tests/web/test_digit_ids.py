"""An id taken from a form or a query is a decimal number or nothing: a character that Python
calls a digit but that is no decimal digit ("²", "③") is refused like any other non-number,
never a server error (str.isdigit accepts it; int() does not)."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages

from dari.accounts.models import OrganizationLink
from tests.events.conftest import world  # noqa: F401 (the event's fixture)
from tests.events.pages import login, url

pytestmark = pytest.mark.django_db

NOT_DECIMAL = ["²", "③", "1²"]


@pytest.mark.parametrize("value", NOT_DECIMAL)
def test_a_meeting_request_for_such_a_participant_is_a_404(client, world, value):  # noqa: F811
    login(client, world["minseo"])
    page = url("request-new", "test-virtual")
    assert client.get(page, {"participant": value}).status_code == 404
    assert client.post(page, {"participant": value, "priority": "2"}).status_code == 404


@pytest.mark.parametrize("value", NOT_DECIMAL)
def test_removing_such_a_list_entry_says_it_is_not_there(client, directory, value):
    link = OrganizationLink.objects.create(
        owner=directory["biotech"], other=directory["pharma"], kind="cda"
    )
    client.force_login(directory["admin"])
    response = client.post(
        "/organizations/org-hanbit/links",
        {"remove": value},
        HTTP_ACCEPT_LANGUAGE="ko",
        follow=True,
    )
    shown = [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]
    assert shown == [("error", "그 기관은 (더 이상) 목록에 없습니다.")]
    assert OrganizationLink.objects.filter(pk=link.pk).exists()


@pytest.mark.parametrize("value", NOT_DECIMAL)
def test_revoking_such_a_token_is_no_server_error(client, directory, value):
    client.force_login(directory["admin"])
    response = client.post("/me/", {"action": "token-revoke", "id": value})
    assert response.status_code == 302
