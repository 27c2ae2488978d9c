"""Query-parameter refusals are in the caller's language too: a bad `updated_since`, and a value
outside a fixed list names the values allowed (not a bare "not valid")."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_a_bad_updated_since_is_answered_in_korean(client):
    response = client.get("/api/deals", {"updated_since": "yesterday"}, HTTP_ACCEPT_LANGUAGE="ko")
    assert response.status_code == 400
    (error,) = response.json()["errors"]
    assert error == {
        "field": "updated_since",
        "code": "invalid_datetime",
        "message": "'yesterday'은(는) ISO 8601 날짜나 일시가 아닙니다",
    }


@pytest.mark.parametrize(
    ("lang", "start"), [("en", "Must be one of "), ("ko", "다음 중 하나여야 합니다: ")]
)
def test_a_value_outside_a_fixed_list_names_the_values_allowed(client, lang, start):
    response = client.get("/api/trials", {"phase": "zz"}, HTTP_ACCEPT_LANGUAGE=lang)
    assert response.status_code == 400
    (error,) = response.json()["errors"]
    assert error["field"] == "phase" and error["message"].startswith(start), error
    assert "'1', '2', '3', '4'" in error["message"] and " or " not in error["message"]
