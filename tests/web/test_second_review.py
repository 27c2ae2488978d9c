"""What a second review of the pages (Korean and English, a laptop and a phone) found, kept from
coming back: labels ending in a colon ("메시지:") in Korean, the home page's search hint cut
off on a phone, a national target chosen from "---------", and the sources of a record two
columns a page's width apart. SYNTHETIC records only."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from dari.insights.bundled import load_targets
from dari.web.forms import OrganizationForm

pytestmark = pytest.mark.django_db


def _labels(html: str) -> list[str]:
    return re.findall(r'<label for="id_[a-z_]+">([^<]*)</label>', html)


def test_korean_labels_have_no_colon_and_english_ones_keep_it_on_allauths_pages(client):
    korean = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    english = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert (_labels(korean), _labels(english)) == (
        ["로그인", "비밀번호", "로그인 상태 유지"],
        ["Login:", "Password:", "Remember Me:"],
    )


def test_korean_labels_have_no_colon_on_daris_own_forms():
    form = OrganizationForm()
    with translation.override("ko"):
        korean = form["name"].label_tag()
    with translation.override("en"):
        english = form["name"].label_tag()
    assert (korean.endswith(":</label>"), english.endswith(":</label>")) == (False, True)


def test_a_label_suffix_a_form_or_field_chose_is_kept_in_korean():
    with translation.override("ko"):
        form = OrganizationForm(label_suffix=" ·")
        form.fields["website"].label_suffix = "?"
        tags = (form["name"].label_tag(), form["website"].label_tag())
    assert (tags[0].endswith(" ·</label>"), tags[1].endswith("?</label>")) == (True, True)


@pytest.mark.parametrize(
    ("language", "placeholder", "lead"),
    [("en", "Target, disease, modality", "For example:"), ("ko", "타깃, 질환, 모달리티", "예:")],
)
def test_the_home_search_keeps_a_short_placeholder_and_its_examples_below(
    client, language, placeholder, lead
):
    """The examples in the placeholder were cut off on a phone; they are links under the box."""
    html = client.get("/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert re.search(r'<input type="search" name="q" placeholder="([^"]*)"', html).group(1) == (
        placeholder
    )
    examples = re.search(r'<p class="hero-examples">(.*?)</p>', html, re.S).group(1)
    assert (examples.split(" <a", 1)[0], re.findall(r'href="([^"]+)">([^<]+)</a>', examples)) == (
        lead,
        [
            ("/assets/?q=HER2", "HER2"),
            ("/assets/?q=%EC%9C%84%EC%95%94", "위암"),
            ("/assets/?q=%EC%9D%B4%EC%A4%91%ED%95%AD%EC%B2%B4", "이중항체"),
        ],
    )


def test_a_curator_chooses_a_national_target_from_a_named_empty_choice(client, admin_user):
    load_targets()
    client.force_login(admin_user)
    html = client.get("/insights/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    select = re.search(r'<select name="target"[^>]*>(.*?)</select>', html, re.S).group(1)
    first = re.search(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select).groups()
    assert (first, "---------" in select) == (("", "목표 선택"), False)
