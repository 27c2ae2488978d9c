"""Condition search terms: a free-text condition (Korean or English) or a MeSH id becomes the
lower-case terms a trial's conditions, MeSH terms or keywords must contain one of."""

from __future__ import annotations

import hashlib
import re

# Korean names of common conditions -> English terms as registries write them.
KOREAN: dict[str, tuple[str, ...]] = {
    "위암": ("gastric cancer", "stomach neoplasms", "stomach cancer", "gastric adenocarcinoma"),
    "폐암": ("lung cancer", "lung neoplasms", "non-small cell lung", "small cell lung"),
    "비소세포폐암": ("non-small cell lung", "nsclc", "carcinoma, non-small-cell lung"),
    "유방암": ("breast cancer", "breast neoplasms"),
    "대장암": ("colorectal cancer", "colorectal neoplasms", "colon cancer", "rectal cancer"),
    "간암": ("liver cancer", "hepatocellular carcinoma", "liver neoplasms"),
    "간세포암": ("hepatocellular carcinoma",),
    "췌장암": ("pancreatic cancer", "pancreatic neoplasms"),
    "담도암": ("biliary tract cancer", "cholangiocarcinoma", "biliary tract neoplasms"),
    "전립선암": ("prostate cancer", "prostatic neoplasms"),
    "난소암": ("ovarian cancer", "ovarian neoplasms"),
    "두경부암": ("head and neck cancer", "head and neck neoplasms"),
    "갑상선암": ("thyroid cancer", "thyroid neoplasms"),
    "방광암": ("bladder cancer", "urinary bladder neoplasms", "urothelial carcinoma"),
    "신장암": ("renal cell carcinoma", "kidney neoplasms", "kidney cancer"),
    "흑색종": ("melanoma",),
    "림프종": ("lymphoma",),
    "백혈병": ("leukemia", "leukaemia"),
    "다발골수종": ("multiple myeloma",),
    "고형암": ("solid tumor", "solid tumour", "neoplasms"),
    "암": ("cancer", "neoplasm", "tumor", "carcinoma"),
    "당뇨": ("diabetes",),
    "당뇨병": ("diabetes",),
    "제2형 당뇨병": ("type 2 diabetes", "diabetes mellitus, type 2"),
    "비만": ("obesity",),
    "고혈압": ("hypertension",),
    "이상지질혈증": ("dyslipidemia", "hypercholesterolemia"),
    "심부전": ("heart failure",),
    "알츠하이머": ("alzheimer",),
    "치매": ("dementia", "alzheimer"),
    "파킨슨": ("parkinson",),
    "뇌졸중": ("stroke",),
    "우울증": ("depression", "depressive disorder"),
    "조현병": ("schizophrenia",),
    "류마티스 관절염": ("rheumatoid arthritis", "arthritis, rheumatoid"),
    "아토피 피부염": ("atopic dermatitis", "dermatitis, atopic"),
    "건선": ("psoriasis",),
    "크론병": ("crohn",),
    "궤양성 대장염": ("ulcerative colitis", "colitis, ulcerative"),
    "천식": ("asthma",),
    "만성폐쇄성폐질환": ("copd", "pulmonary disease, chronic obstructive"),
    "만성 신장병": ("chronic kidney disease", "renal insufficiency, chronic"),
    "지방간염": ("steatohepatitis", "nash", "mash"),
    "황반변성": ("macular degeneration",),
    "코로나19": ("covid-19", "sars-cov-2"),
    "인플루엔자": ("influenza",),
    "B형 간염": ("hepatitis b",),
    "희귀질환": ("rare disease",),
}

# English synonyms: a term on the left also searches the terms on the right.
ENGLISH: dict[str, tuple[str, ...]] = {
    "gastric cancer": ("stomach neoplasms", "stomach cancer", "gastric adenocarcinoma"),
    "stomach cancer": ("gastric cancer", "stomach neoplasms"),
    "nsclc": ("non-small cell lung", "carcinoma, non-small-cell lung"),
    "non-small cell lung cancer": ("nsclc", "carcinoma, non-small-cell lung"),
    "liver cancer": ("hepatocellular carcinoma", "liver neoplasms"),
    "hcc": ("hepatocellular carcinoma",),
    "nash": ("steatohepatitis", "mash"),
    "mash": ("steatohepatitis", "nash"),
    "copd": ("pulmonary disease, chronic obstructive",),
    "ckd": ("chronic kidney disease", "renal insufficiency, chronic"),
    "alzheimer's disease": ("alzheimer",),
    "covid": ("covid-19", "sars-cov-2"),
}

MESH_ID = re.compile(r"^[DC]\d{6,9}$")
_SPACES = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _SPACES.sub(" ", text.casefold()).strip()


def condition_terms(text: str) -> list[str]:
    """The terms one of which a matching trial's condition text contains, most specific
    first; [] for empty text. A MeSH id (D002289) searches that id."""
    query = _norm(text)
    if not query:
        return []
    if MESH_ID.match(text.strip()):
        return [text.strip().casefold()]
    terms: list[str] = []
    by_korean = {_norm(k): v for k, v in KOREAN.items()}
    contained = sorted((k for k in by_korean if len(k) > 1 and k in query), key=len)
    if query in by_korean:
        terms.extend(by_korean[query])
    elif contained:
        terms.append(query)
        terms.extend(by_korean[contained[-1]])
    else:
        terms.append(query)
        terms.extend(ENGLISH.get(query, ()))
        # "X cancer" is registered as "X neoplasms" in MeSH and often "X carcinoma".
        if query.endswith(" cancer"):
            stem = query[: -len(" cancer")]
            terms.extend((f"{stem} neoplasms", f"{stem} carcinoma"))
    return list(dict.fromkeys(t for t in terms if t))


# Therapeutic area of a trial from its condition text (first rule that matches wins; the
# values are dari-directory/1 therapeutic areas).
AREAS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (area, re.compile(pattern))
    for area, pattern in (
        (
            "oncology",
            r"cancer|neoplasm|tumou?r|carcinoma|lymphoma|leuka?emia|myeloma|melanoma|sarcoma"
            r"|glioma|glioblastoma|malignan|metasta|암",
        ),
        ("hematology", r"anemia|anaemia|hemophilia|haemophilia|thrombocytop|sickle"),
        (
            "metabolic",
            r"diabet|obesity|dyslipid|cholesterol|steatohepatitis|\bnash\b|\bmash\b|gout",
        ),
        ("cardiovascular", r"heart|cardi|hypertension|coronary|atrial|vascular|stroke"),
        ("neurology", r"alzheimer|parkinson|epilep|dementia|multiple sclerosis|migraine|neuropath"),
        ("psychiatry", r"depress|schizophren|bipolar|anxiety|adhd|autism|insomnia"),
        (
            "infectious_disease",
            r"covid|sars-cov|influenza|hepatitis|hiv|infection|tubercul|vaccin|virus|viral",
        ),
        (
            "immunology",
            r"arthritis|psoria|lupus|dermatitis|crohn|colitis|atopic|urticaria|spondyl",
        ),
        ("respiratory", r"asthma|copd|pulmonary|bronch|lung disease|idiopathic pulmonary"),
        ("ophthalmology", r"macular|retin|glaucoma|\beye\b|ocular|uveitis"),
        ("renal", r"kidney|renal|nephr"),
        ("gastroenterology", r"gastr|bowel|liver|hepat|pancreatit|reflux"),
        ("dermatology", r"\bskin\b|acne|alopecia|vitiligo|eczema"),
        ("musculoskeletal", r"osteo|muscul|sarcopenia|\bbone\b"),
        ("womens_health", r"pregnan|endometriosis|menopaus|uterine|ovar(?!ian cancer)"),
    )
)


def area_of(condition_text: str) -> str:
    """The therapeutic area a trial's conditions fall in, or "other"."""
    text = condition_text.casefold()
    for area, pattern in AREAS:
        if pattern.search(text):
            return area
    return "other"


def condition_key(condition_text: str) -> str:
    """A short stable key of a trial's condition text (equal texts, equal keys)."""
    return hashlib.sha256(condition_text.encode()).hexdigest()[:16]
