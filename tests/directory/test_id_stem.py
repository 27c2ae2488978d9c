"""New ids read as their names: Latin letters, digits and hyphens, Hangul romanised."""

from __future__ import annotations

import pytest

from dari.directory.domain.ids import id_stem
from dari.directory.models import ID_LENGTH


@pytest.mark.parametrize(
    ("name", "prefix", "stem"),
    [
        ("Newco Therapeutics", "", "newco-therapeutics"),
        ("셀트리온", "", "seltrion"),
        ("GC녹십자", "", "gcnoksipja"),
        ("한미약품 HM-101", "as-hanmi-", "as-hanmi-hanmiyakpum-hm-101"),
        ("!!!", "", "record"),
        ("!!!", "call-", "call"),
    ],
)
def test_the_stem_of_a_new_id(name, prefix, stem):
    assert id_stem(name, prefix=prefix) == stem


def test_a_long_name_leaves_room_for_a_suffix():
    stem = id_stem("가" * 300)
    assert len(stem) <= ID_LENGTH - 4 and not stem.endswith("-")
