"""The recommender's reason strings, marked for makemessages (the Korean catalogue).

The matching core (dari.matching.reasons) is pure and cannot mark its strings for Django, so
they are listed here: every template, fragment, label and country name it passes through its
translator, as `gettext_noop` literals that makemessages extracts. The list between the
markers is generated; after changing dari/matching/reasons.py, run

    DJANGO_SETTINGS_MODULE=dari.settings .venv/bin/python -m dari.directory.domain.reason_catalogue
    .venv/bin/ruff format dari/directory/domain/reason_catalogue.py

then makemessages. tests/directory/test_recommend.py fails when the list and the core drift.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from django.utils.translation import gettext_noop

from dari.matching.reasons import FRAGMENTS, catalogue

BEGIN = "# BEGIN GENERATED from dari.matching.reasons.catalogue()"
END = "# END GENERATED"
NOTE = "Translators: a reason for a recommendation, or a piece filled into one; keep {fields}."
SINCE_NOTE = "Translators: the {since} field; it comes first in Korean, so end it with a space."

# BEGIN GENERATED from dari.matching.reasons.catalogue()
STRINGS: tuple[str, ...] = (
    # Translators: a reason for a recommendation, or a piece filled into one; keep {fields}.
    gettext_noop("{area} {modality}: in their stated interests"),
    gettext_noop("{area} {modality}: in their R&D focus"),
    gettext_noop("{area}: in their stated interests"),
    gettext_noop("{area}: one of their R&D areas"),
    gettext_noop("{area}: next to areas they work in ({theirs})"),
    gettext_noop("{modality}: a modality they seek"),
    gettext_noop("{modality}: a modality they work with"),
    gettext_noop("{modality}: close to modalities they work with ({theirs})"),
    gettext_noop("{stage}: within the stages they license"),
    gettext_noop("{stage}: next to the stages they license ({theirs})"),
    gettext_noop("open to {deals}, which they look for"),
    gettext_noop("target {targets}: named in their profile"),
    gettext_noop("{indication}: named in their profile"),
    gettext_noop("based in {country}, within the territories on offer ({territories})"),
    gettext_noop("a {kind}, the usual partner for {deal}"),
    gettext_noop("{line}: a line of business named in their profile"),
    gettext_noop("their profile shares key terms: {terms}"),
    gettext_noop("their statement “{quote}” is close to this asset's description"),
    gettext_noop("in-licensed {assets}{since}, e.g. from {examples}"),
    gettext_noop("in-licensed {assets} against {target}{since}, e.g. from {examples}"),
    gettext_noop("licensed from {licensor} before: {deals}{since}"),
    gettext_noop("in-licensed from {country} before: {deals}{since}, e.g. from {examples}"),
    gettext_noop("an active licensee: {deals} on record{since}"),
    gettext_noop("their pipeline has {asset}, also against {targets}"),
    gettext_noop("their pipeline has {asset} in {indication}"),
    gettext_noop("their pipeline has {asset}, close to this asset"),
    gettext_noop("{area} {modality}: in your stated interests"),
    gettext_noop("{area} {modality}: in your R&D focus"),
    gettext_noop("{area}: in your stated interests"),
    gettext_noop("{area}: one of your R&D areas"),
    gettext_noop("{area}: next to areas you work in ({theirs})"),
    gettext_noop("{modality}: a modality you seek"),
    gettext_noop("{modality}: a modality you work with"),
    gettext_noop("{modality}: close to modalities you work with ({theirs})"),
    gettext_noop("{stage}: within the stages you license"),
    gettext_noop("{stage}: next to the stages you license ({theirs})"),
    gettext_noop("the owner is open to {deals}, which you look for"),
    gettext_noop("target {targets}: named in your profile"),
    gettext_noop("{indication}: named in your profile"),
    gettext_noop("{territories} rights on offer, covering {country}"),
    gettext_noop("you are a {kind}, the usual partner for {deal}"),
    gettext_noop("{line}: a line of business named in your profile"),
    gettext_noop("shares key terms with your profile: {terms}"),
    gettext_noop("its description “{quote}” is close to your statement"),
    gettext_noop("you in-licensed {assets}{since}, e.g. from {examples}"),
    gettext_noop("you in-licensed {assets} against {target}{since}, e.g. from {examples}"),
    gettext_noop("you licensed from its owner {licensor} before: {deals}{since}"),
    gettext_noop("you in-licensed from {country} before: {deals}{since}, e.g. from {examples}"),
    gettext_noop("you are an active licensee: {deals} on record{since}"),
    gettext_noop("your pipeline has {asset}, also against {targets}"),
    gettext_noop("your pipeline has {asset} in {indication}"),
    gettext_noop("your pipeline has {asset}, close to this one"),
    gettext_noop("{area} {modality}: in its stated interests"),
    gettext_noop("{area} {modality}: in its R&D focus"),
    gettext_noop("{area}: in its stated interests"),
    gettext_noop("{area}: one of its R&D areas"),
    gettext_noop("{area}: next to areas it works in ({theirs})"),
    gettext_noop("{modality}: a modality it seeks"),
    gettext_noop("{modality}: a modality it works with"),
    gettext_noop("{modality}: close to modalities it works with ({theirs})"),
    gettext_noop("{stage}: within the stages it licenses"),
    gettext_noop("{stage}: next to the stages it licenses ({theirs})"),
    gettext_noop("the owner is open to {deals}, which it looks for"),
    gettext_noop("target {targets}: named in its profile"),
    gettext_noop("{indication}: named in its profile"),
    gettext_noop("it is a {kind}, the usual partner for {deal}"),
    gettext_noop("{line}: a line of business named in its profile"),
    gettext_noop("shares key terms with its profile: {terms}"),
    gettext_noop("the asset's description “{quote}” is close to its statement"),
    gettext_noop("it in-licensed {assets}{since}, e.g. from {examples}"),
    gettext_noop("it in-licensed {assets} against {target}{since}, e.g. from {examples}"),
    gettext_noop("it licensed from the asset's owner {licensor} before: {deals}{since}"),
    gettext_noop("it in-licensed from {country} before: {deals}{since}, e.g. from {examples}"),
    gettext_noop("it is an active licensee: {deals} on record{since}"),
    gettext_noop("its pipeline has {asset}, also against {targets}"),
    gettext_noop("its pipeline has {asset} in {indication}"),
    gettext_noop("its pipeline has {asset}, close to this one"),
    # Translators: the {since} field; it comes first in Korean, so end it with a space.
    gettext_noop(" since {year}"),
    gettext_noop("{count} deal"),
    gettext_noop("{count} deals"),
    gettext_noop("{count} asset"),
    gettext_noop("{count} assets"),
    gettext_noop("{count} {what} asset"),
    gettext_noop("{count} {what} assets"),
    gettext_noop("oncology"),
    gettext_noop("immunology"),
    gettext_noop("neurology"),
    gettext_noop("psychiatry"),
    gettext_noop("metabolic"),
    gettext_noop("cardiovascular"),
    gettext_noop("infectious disease"),
    gettext_noop("ophthalmology"),
    gettext_noop("rare disease"),
    gettext_noop("respiratory"),
    gettext_noop("dermatology"),
    gettext_noop("hematology"),
    gettext_noop("gastroenterology"),
    gettext_noop("musculoskeletal"),
    gettext_noop("renal"),
    gettext_noop("women's health"),
    gettext_noop("small molecule"),
    gettext_noop("antibody"),
    gettext_noop("bispecific antibody"),
    gettext_noop("ADC"),
    gettext_noop("protein/peptide"),
    gettext_noop("cell therapy"),
    gettext_noop("gene therapy"),
    gettext_noop("RNA"),
    gettext_noop("vaccine"),
    gettext_noop("platform technology"),
    gettext_noop("degrader"),
    gettext_noop("microbiome"),
    gettext_noop("radiopharmaceutical"),
    gettext_noop("diagnostic"),
    gettext_noop("medical device"),
    gettext_noop("digital therapeutic"),
    gettext_noop("other"),
    gettext_noop("discovery"),
    gettext_noop("preclinical"),
    gettext_noop("phase 1"),
    gettext_noop("phase 2"),
    gettext_noop("phase 3"),
    gettext_noop("filed"),
    gettext_noop("approved"),
    gettext_noop("platform"),
    gettext_noop("licensing"),
    gettext_noop("co-development"),
    gettext_noop("option deals"),
    gettext_noop("acquisition"),
    gettext_noop("equity investment"),
    gettext_noop("research collaboration"),
    gettext_noop("manufacturing"),
    gettext_noop("distribution"),
    gettext_noop("biotech"),
    gettext_noop("pharma company"),
    gettext_noop("investor"),
    gettext_noop("CRO"),
    gettext_noop("CDMO"),
    gettext_noop("research institute"),
    gettext_noop("university"),
    gettext_noop("hospital"),
    gettext_noop("biosimilar"),
    gettext_noop("Korea"),
    gettext_noop("China"),
    gettext_noop("Japan"),
    gettext_noop("the US"),
    gettext_noop("the UK"),
    gettext_noop("Germany"),
    gettext_noop("France"),
    gettext_noop("Switzerland"),
    gettext_noop("Denmark"),
    gettext_noop("Taiwan"),
    gettext_noop("India"),
)
# END GENERATED


def generated_block() -> str:
    """The list between the markers, as generated from the core's catalogue."""
    notes = {catalogue()[0]: NOTE, FRAGMENTS["since"]: SINCE_NOTE}
    lines = [BEGIN, "STRINGS: tuple[str, ...] = ("]
    for text in catalogue():
        if text in notes:
            lines.append(f"    # {notes[text]}")
        lines.append(f"    gettext_noop({json.dumps(text, ensure_ascii=False)}),")
    lines.append(")")
    lines.append(END)
    return "\n".join(lines)


def main() -> None:
    path = Path(__file__)
    source = path.read_text(encoding="utf-8")
    marked = "^" + re.escape(BEGIN) + "$.*?^" + re.escape(END) + "$"
    pattern = re.compile(marked, re.DOTALL | re.MULTILINE)
    path.write_text(pattern.sub(lambda _: generated_block(), source, count=1), encoding="utf-8")
    sys.stdout.write(f"wrote {path}\n")


if __name__ == "__main__":
    main()
