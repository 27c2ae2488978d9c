"""Property tests of the directory forms through HTTP: whatever an organisation admin posts
(random text, control characters, huge numbers, script links, unknown choices), the answer is
never a 5xx; a refusal names the fields at fault, and what is saved obeys the rules."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dari.directory.models import Asset, Organization
from dari.directory.weblinks import is_web_address
from dari.web.forms import AssetForm, OrganizationForm

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

NASTY = st.sampled_from(
    [
        "",
        "\x00",
        "a\x00b",
        "javascript:alert(document.domain)",
        "https://example.org/ok",
        "JAVASCRIPT:alert(1)",
        str(2**31),
        str(2**63),
        "-" + str(2**63),
        "1e400",
        "x" * 3000,
        "위암\n\r\t",
        "<script>alert(1)</script>",
        "' OR 1=1 --",
    ]
)
VALUE = st.one_of(NASTY, st.text(max_size=60), st.integers().map(str))
FORM_SETTINGS = settings(
    max_examples=40,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
NUL_REFUSAL = re.compile(r"A NUL character is not allowed in (\w+)\.")


def form_data(fields):
    """A POST body: each field absent, one value, or several (checkbox lists)."""
    return st.dictionaries(
        st.sampled_from(fields), st.one_of(VALUE, st.lists(VALUE, max_size=3)), max_size=len(fields)
    )


def check_answer(response, form_class):
    """A 302 (saved), a 200 naming the fields at fault, or a 400 naming the NUL's field."""
    assert response.status_code in (200, 302, 400), response.status_code
    if response.status_code == 200:
        errors = response.context["form"].errors
        assert errors, "a 200 after a POST shows the refusal"
        assert set(errors) <= set(form_class.base_fields) | {"__all__"}
        assert all(message for messages in errors.values() for message in messages)
    elif response.status_code == 400:
        named = NUL_REFUSAL.fullmatch(response.content.decode())
        assert named is not None, response.content


@FORM_SETTINGS
@given(data=form_data(list(OrganizationForm.base_fields)))
def test_the_profile_form_never_fails(client, directory, data):
    client.force_login(directory["admin"])
    response = client.post("/organizations/org-hanbit/edit", data)
    check_answer(response, OrganizationForm)
    org = Organization.objects.get(pk="org-hanbit")
    assert org.website == "" or is_web_address(org.website)
    assert all(is_web_address(url) for url in org.sources)


@FORM_SETTINGS
@given(data=form_data(list(AssetForm.base_fields)))
def test_the_asset_form_never_fails(client, directory, data):
    client.force_login(directory["admin"])
    response = client.post("/organizations/org-hanbit/assets/new", data)
    check_answer(response, AssetForm)
    assert all(is_web_address(url) for a in Asset.objects.all() for url in a.sources)


@FORM_SETTINGS
@given(data=form_data(["other", "kind", "remove"]))
def test_the_partner_list_form_never_fails(client, directory, data):
    client.force_login(directory["admin"])
    response = client.post("/organizations/org-hanbit/links", data)
    assert response.status_code in (200, 302, 400), response.status_code
