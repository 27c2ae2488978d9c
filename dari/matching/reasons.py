"""Every human-readable string the recommender produces, in one place.

Reasons are English templates with named fields. Three viewpoints: PARTNER_REASONS explain
to an asset owner why an organisation is suggested ("their" = the organisation);
ASSET_REASONS explain to an organisation why an asset is suggested ("your" = the
organisation reading), ASSET_REASONS_THIRD the same to anyone else ("its" = that
organisation). FRAGMENTS are the small pieces filled into those fields (counts, years); LABELS
name the vocabulary values; COUNTRY_NAMES (dari.matching.history) name the countries of past
licensors.

Translation is pluggable and keyed by the English text: `set_translator(fn)` installs a
function from an English string to the reader's language (the web app installs Django's
gettext, which reads the language active for the request when it is called). `render`,
`fragment` and `label` pass their English text through it before formatting, so the core
never imports a translation library, and with no translator the output is the English text
itself. Every string passed through the translator is listed by `catalogue()`, from which
the web app's gettext catalogue is generated.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .history import COUNTRY_NAMES

Translator = Callable[[str], str]
"""English text -> the same text in the reader's language (fields in braces kept)."""

_translator: Translator | None = None
_term_translator: Translator | None = None
_name_chooser: Callable[[str, str], str] | None = None
QuoteChooser = Callable[[str, str, str, str, str], str]
"""(kind, field, record id, the record's English text, the quote from it) -> the quote in the
reader's language (the same passage of the record's text in Korean, or the English quote)."""
_quote_chooser: QuoteChooser | None = None

PARTNER_REASONS: dict[str, str] = {
    "area_modality_interest": "{area} {modality}: in their stated interests",
    "area_modality_focus": "{area} {modality}: in their R&D focus",
    "area_interest": "{area}: in their stated interests",
    "area_focus": "{area}: one of their R&D areas",
    "area_related": "{area}: next to areas they work in ({theirs})",
    "modality_interest": "{modality}: a modality they seek",
    "modality_focus": "{modality}: a modality they work with",
    "modality_related": "{modality}: close to modalities they work with ({theirs})",
    "stage": "{stage}: within the stages they license",
    "stage_adjacent": "{stage}: next to the stages they license ({theirs})",
    "deal": "open to {deals}, which they look for",
    "target": "target {targets}: named in their profile",
    "indication": "{indication}: named in their profile",
    "geography": "based in {country}, within the territories on offer ({territories})",
    "kind": "a {kind}, the usual partner for {deal}",
    "business": "{line}: a line of business named in their profile",
    "terms": "their profile shares key terms: {terms}",
    "semantic": "their statement \u201c{quote}\u201d is close to this asset's description",
    "hist_modality": "in-licensed {assets}{since}, e.g. from {examples}",
    "hist_area": "in-licensed {assets}{since}, e.g. from {examples}",
    "hist_target": "in-licensed {assets} against {target}{since}, e.g. from {examples}",
    "hist_licensor": "licensed from {licensor} before: {deals}{since}",
    "hist_country": "in-licensed from {country} before: {deals}{since}, e.g. from {examples}",
    "activity": "an active licensee: {deals} on record{since}",
    "pipe_target": "their pipeline has {asset}, also against {targets}",
    "pipe_indication": "their pipeline has {asset} in {indication}",
    "pipe_semantic": "their pipeline has {asset}, close to this asset",
}

ASSET_REASONS: dict[str, str] = {
    "area_modality_interest": "{area} {modality}: in your stated interests",
    "area_modality_focus": "{area} {modality}: in your R&D focus",
    "area_interest": "{area}: in your stated interests",
    "area_focus": "{area}: one of your R&D areas",
    "area_related": "{area}: next to areas you work in ({theirs})",
    "modality_interest": "{modality}: a modality you seek",
    "modality_focus": "{modality}: a modality you work with",
    "modality_related": "{modality}: close to modalities you work with ({theirs})",
    "stage": "{stage}: within the stages you license",
    "stage_adjacent": "{stage}: next to the stages you license ({theirs})",
    "deal": "the owner is open to {deals}, which you look for",
    "target": "target {targets}: named in your profile",
    "indication": "{indication}: named in your profile",
    "geography": "{territories} rights on offer, covering {country}",
    "kind": "you are a {kind}, the usual partner for {deal}",
    "business": "{line}: a line of business named in your profile",
    "terms": "shares key terms with your profile: {terms}",
    "semantic": "its description \u201c{quote}\u201d is close to your statement",
    "hist_modality": "you in-licensed {assets}{since}, e.g. from {examples}",
    "hist_area": "you in-licensed {assets}{since}, e.g. from {examples}",
    "hist_target": "you in-licensed {assets} against {target}{since}, e.g. from {examples}",
    "hist_licensor": "you licensed from its owner {licensor} before: {deals}{since}",
    "hist_country": "you in-licensed from {country} before: {deals}{since}, e.g. from {examples}",
    "activity": "you are an active licensee: {deals} on record{since}",
    "pipe_target": "your pipeline has {asset}, also against {targets}",
    "pipe_indication": "your pipeline has {asset} in {indication}",
    "pipe_semantic": "your pipeline has {asset}, close to this one",
}

# The same, told to a reader who is not the organisation (its page read by anyone else):
# "its" = the organisation the assets are suggested for.
ASSET_REASONS_THIRD: dict[str, str] = {
    "area_modality_interest": "{area} {modality}: in its stated interests",
    "area_modality_focus": "{area} {modality}: in its R&D focus",
    "area_interest": "{area}: in its stated interests",
    "area_focus": "{area}: one of its R&D areas",
    "area_related": "{area}: next to areas it works in ({theirs})",
    "modality_interest": "{modality}: a modality it seeks",
    "modality_focus": "{modality}: a modality it works with",
    "modality_related": "{modality}: close to modalities it works with ({theirs})",
    "stage": "{stage}: within the stages it licenses",
    "stage_adjacent": "{stage}: next to the stages it licenses ({theirs})",
    "deal": "the owner is open to {deals}, which it looks for",
    "target": "target {targets}: named in its profile",
    "indication": "{indication}: named in its profile",
    "geography": ASSET_REASONS["geography"],
    "kind": "it is a {kind}, the usual partner for {deal}",
    "business": "{line}: a line of business named in its profile",
    "terms": "shares key terms with its profile: {terms}",
    "semantic": "the asset's description \u201c{quote}\u201d is close to its statement",
    "hist_modality": "it in-licensed {assets}{since}, e.g. from {examples}",
    "hist_area": "it in-licensed {assets}{since}, e.g. from {examples}",
    "hist_target": "it in-licensed {assets} against {target}{since}, e.g. from {examples}",
    "hist_licensor": "it licensed from the asset's owner {licensor} before: {deals}{since}",
    "hist_country": "it in-licensed from {country} before: {deals}{since}, e.g. from {examples}",
    "activity": "it is an active licensee: {deals} on record{since}",
    "pipe_target": "its pipeline has {asset}, also against {targets}",
    "pipe_indication": "its pipeline has {asset} in {indication}",
    "pipe_semantic": "its pipeline has {asset}, close to this one",
}

FRAGMENTS: dict[str, str] = {
    # the {since} field of the history reasons (empty when no deal is dated)
    "since": " since {year}",
    # counts: singular key for 1, the "_plural" key otherwise
    "deals": "{count} deal",
    "deals_plural": "{count} deals",
    "assets": "{count} asset",
    "assets_plural": "{count} assets",
    "labelled_assets": "{count} {what} asset",
    "labelled_assets_plural": "{count} {what} assets",
}

LABELS: dict[str, str] = {
    # therapeutic areas
    "oncology": "oncology",
    "immunology": "immunology",
    "neurology": "neurology",
    "psychiatry": "psychiatry",
    "metabolic": "metabolic",
    "cardiovascular": "cardiovascular",
    "infectious_disease": "infectious disease",
    "ophthalmology": "ophthalmology",
    "rare_disease": "rare disease",
    "respiratory": "respiratory",
    "dermatology": "dermatology",
    "hematology": "hematology",
    "gastroenterology": "gastroenterology",
    "musculoskeletal": "musculoskeletal",
    "renal": "renal",
    "womens_health": "women's health",
    # modalities
    "small_molecule": "small molecule",
    "antibody": "antibody",
    "bispecific_antibody": "bispecific antibody",
    "adc": "ADC",
    "protein_peptide": "protein/peptide",
    "cell_therapy": "cell therapy",
    "gene_therapy": "gene therapy",
    "rna": "RNA",
    "vaccine": "vaccine",
    "platform_technology": "platform technology",
    "degrader": "degrader",
    "microbiome": "microbiome",
    "radiopharmaceutical": "radiopharmaceutical",
    "diagnostic": "diagnostic",
    "medical_device": "medical device",
    "digital_therapeutic": "digital therapeutic",
    "other": "other",
    # stages
    "discovery": "discovery",
    "preclinical": "preclinical",
    "phase1": "phase 1",
    "phase2": "phase 2",
    "phase3": "phase 3",
    "filed": "filed",
    "approved": "approved",
    "platform": "platform",
    # deal types
    "license": "licensing",
    "co_development": "co-development",
    "option": "option deals",
    "acquisition": "acquisition",
    "equity_investment": "equity investment",
    "research_collaboration": "research collaboration",
    "manufacturing": "manufacturing",
    "distribution": "distribution",
    # organisation kinds
    "biotech": "biotech",
    "pharma": "pharma company",
    "investor": "investor",
    "cro": "CRO",
    "cdmo": "CDMO",
    "research_institute": "research institute",
    "university": "university",
    "hospital": "hospital",
    # business lines
    "biosimilar": "biosimilar",
}


def set_translator(fn: Translator | None) -> Translator | None:
    """Install the function that translates every reason string (None: English); returns
    the one it replaces, so a caller can put it back."""
    global _translator
    previous, _translator = _translator, fn
    return previous


def set_term_translator(fn: Translator | None) -> Translator | None:
    """Install the function that names a data term (an indication as a record states it) in
    the reader's language, e.g. through the Korean-English glossary (None: as written);
    returns the one it replaces."""
    global _term_translator
    previous, _term_translator = _term_translator, fn
    return previous


def set_name_chooser(fn: Callable[[str, str], str] | None) -> Callable[[str, str], str] | None:
    """Install the function that picks, of an organisation's name and its Korean name (maybe
    ""), the one for the reader (None: always the first); returns the one it replaces."""
    global _name_chooser
    previous, _name_chooser = _name_chooser, fn
    return previous


def set_quote_chooser(fn: QuoteChooser | None) -> QuoteChooser | None:
    """Install the function that gives a quote from a record's text in the reader's language
    (None: the English quote); returns the one it replaces."""
    global _quote_chooser
    previous, _quote_chooser = _quote_chooser, fn
    return previous


def local_quote(kind: str, field: str, record_id: str, text: str, quoted: str) -> str:
    """A quote from a record's `field` (its English `text`) in the reader's language, through
    the installed chooser: "asset"/"organization", "description"/"interest_description"."""
    if _quote_chooser is None or not quoted:
        return quoted
    return _quote_chooser(kind, field, record_id, text, quoted)


def org_name(name: str, name_ko: str = "") -> str:
    """An organisation's name in the reader's language, through the installed chooser."""
    return name if _name_chooser is None else _name_chooser(name, name_ko)


def term(text: str) -> str:
    """A data term in the reader's language, through the installed term translator."""
    return text if _term_translator is None else _term_translator(text)


_GREEK = frozenset({"alpha", "beta", "gamma", "delta", "kappa", "epsilon", "zeta", "theta"})


def target_term(text: str) -> str:
    """A target as a reason names it: a symbol as written (a Korean reader reads HER2,
    TNF-alpha too), a target written in words ("amylin receptor", "alpha-synuclein": a
    lower-case word of four letters or more) through `term`."""
    words = re.split(r"[^A-Za-z0-9]+", text)
    wordy = any(w.isalpha() and w.islower() and len(w) >= 4 and w not in _GREEK for w in words)
    return term(text) if wordy else text


def translate(text: str) -> str:
    """The English text in the reader's language, through the installed translator."""
    return text if _translator is None else _translator(text)


def english_label(value: str) -> str:
    """The English name of a vocabulary value (indexed text, never translated)."""
    return LABELS.get(value, value.replace("_", " "))


def label(value: str) -> str:
    """The name of a vocabulary value in the reader's language; an unknown value is shown
    as is (underscores as spaces)."""
    text = LABELS.get(value)
    return value.replace("_", " ") if text is None else translate(text)


def join_labels(values: list[str] | tuple[str, ...]) -> str:
    return ", ".join(label(v) for v in values)


def country_name(code: str) -> str:
    """The name of a country (ISO code) in the reader's language; an unknown code as is."""
    name = COUNTRY_NAMES.get(code)
    return code if name is None else translate(name)


def render(templates: dict[str, str], key: str, **fields: str) -> str:
    return translate(templates[key]).format(**fields)


def fragment(key: str, **fields: object) -> str:
    return translate(FRAGMENTS[key]).format(**fields)


def counted(count: int, key: str, **fields: object) -> str:
    """'1 deal', '2 deals', '2 ADC assets': FRAGMENTS[key], or key + '_plural' unless 1."""
    return fragment(key if count == 1 else f"{key}_plural", count=count, **fields)


def since(year: int | None) -> str:
    """' since 2022' (the {since} field), or '' when the year is unknown."""
    return "" if year is None else fragment("since", year=year)


def catalogue() -> list[str]:
    """Every English string that goes through the translator, each once, in order."""
    strings = [
        *PARTNER_REASONS.values(),
        *ASSET_REASONS.values(),
        *ASSET_REASONS_THIRD.values(),
        *FRAGMENTS.values(),
        *LABELS.values(),
        *COUNTRY_NAMES.values(),
    ]
    return list(dict.fromkeys(strings))
