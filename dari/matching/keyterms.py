"""Which shared terms a reason may show: concrete words (a target, a disease, a mechanism,
a technology), never a function word, a generic verb or adjective, or a fragment.

BM25 scores every shared token, and a token such as "only", "built", "co" (from
"co-development") or "activates" can carry a high share of a score; shown to people as a
"key term" it reads as noise and undermines the other reasons. The index keeps every token
(ranking is unchanged); only what is shown is filtered here.
"""

from __future__ import annotations

import re

from .text import tokenize

GENERIC_WORDS: frozenset[str] = frozenset(
    """
    a about above according across act activate activated activates activating active
    actively activity add added after again against aim aimed aiming aims all allow allows
    almost alone along already also although always am among an and another any approach
    approaches are area around as ask at available away back base based basis be became
    because become becomes been before began being below best better between beyond both
    bring bringing brings broad build building builds built business but by call called can
    candidate candidates capability capabilities care case cases category centre center
    certain clear close co combine combined come comes commercial commit committed common
    company companies complete completed core could current currently deal deals deliver
    delivering delivers deploy design designed designing develop developed developing
    development develops did different do does doing done due during each early effort
    efforts either else enable enabled enables end enhance enhanced ensure entire establish
    established even ever every example expand expanded expanding expertise explore extend
    extended far few field fields first focus focused focuses focusing follow following for
    form found from full fully further future gain general generation get give given global
    go going good great group grow growing growth had has have having help helps her here
    high higher highly his how however identify identified if important improve improved
    improving in include included includes including increase increasing independent
    initial innovation innovative instead interest interested into involve is it its
    itself just key known large largely last late later lead leader leading leads less
    level like likely line long look looking looks low lower made main mainly major make
    makes making many may meet might more most much multiple must near need needs neither
    new next no nor not novel now number of off offer offered offering offers often on once
    one ones only open or order other others our out over overall own part particular
    particularly partner partnered partnering partners partnership past per plan plans
    portfolio position possible potential potentially primary prior priority program
    programme programmes programs progress project projects promising provide provided
    provides providing pursue pursues pursuing range rather reach real recent recently
    related remain research result results right role run same second see seek seeking
    seeks select selected set several shall she should show shown since single so some
    specific stage stages start started state stated still strategic strategy strong
    strongly such support supported supporting supports take taking team than that the
    their them themselves then there these they third this those three through thus to
    together too top toward towards two under unique unit until up upon us use used uses
    using value various very via want was way ways we well were what when where whether
    which while who whole whose why wide will with within without work worked working
    works world would year years yet you your
    anti multi non pre semi sub ex bio immuno carry solid small large phase licensed license
    licence licensing type
    types advanced human class trial trials study studies risk acting system systems month
    january february march april june july august september october november december
    approval approved clinic clinical compound compounds disease diseases drug drugs medical
    medicine medicines patient patients pharma pharmaceutical pharmaceuticals product
    products science scientific therapeutic therapeutics therapies therapy treat treated
    treating treatment treatments biotech biotechnology biopharma biopharmaceutical
    asset assets pipeline pipelines platform platforms technology technologies
    derive derived deriving shelf moderate moderately severe severely mild mildly chronic
    acute given giving adult adults
    cell cells targeted subsidiary subsidiaries listed house institute university data
    weekly discovery designation emergency ministry
    took ran won sell sells sold entered running granted acquired earlier billion million
    country countries market markets developer domestic domestically incrementally funding
    fda mfds mfd ema nmpa pmda post limited received hold holds held fund funded funding
    reported report cleared led acquire acquires said six week weeks monthly government
    export exports alongside investment investments owned venture ventures drugmaker
    target agent agents modified combination combinations
    """.split()
)
"""Function words, generic verbs, adverbs and adjectives, and words every biomedical
profile uses (drug, therapy, patient, pipeline, platform ...): shared, they say nothing."""

KOREAN_GENERIC: frozenset[str] = frozenset(
    """
    개발 연구 회사 기업 제품 기술 분야 중심 통해 위해 대한 관련 기반 사업 글로벌 파이프라인
    플랫폼 치료 치료제 의약품 신약 제약 바이오 환자 질환 질병 임상 후보 물질 전략 협력 파트너
    계약 라이선스 도입 진행 목표 확대 보유 주력 집중 세계 시장 가능 다양 새롭 혁신 강화 중
    """.split()
)
"""Korean counterparts (kiwi morphemes) of the generic words above."""


_SHOWN_NOT_WORDS = """
    gastric conjugate conjugates killer checkpoint orphan eye drop drops knee liver lung
    muscle nerve tissue disc chest ray vascular viral virus viruses acid nucleic gene genes
    genetics pathway pathways signalling signaling antigen kit assay test rapid vitro
    quadrivalent regeneration degenerative intractable idiopathic relapsed refractory
    preclinical monotherapy resistant resistance dose doses dosing orally formulation
    formulations solution chemical generic strain ingredient ingredients finished plant
    animal animals natural pan plus half life side loss fast track health public women
    people family age children adults income food national worldwide multinational
    australian canadian marketing sale launch launched production manufacturing hospital
    hospitals investigator collaborations indication indications expression response letter
    issued conditional dual days twice old mid binding delivery delivered driven blocks
    holding modifying targeting named described find discovered moved images software
    surgery relief disorders operative model models validation analysis reference standard
    precision challenge efficacy safety blood brain central filed rare recombinant pancreatic
    molecule interleukin oncolytic cardiometabolic authorisation authorization sheet
    immune-activating adolescents receptor day prevention bacterial live death
"""
SHOWN_NOT: frozenset[str] = frozenset(t for w in _SHOWN_NOT_WORDS.split() for t in tokenize(w))
"""Words a "shared key terms" reason does not show although they may name an organisation
(the core of a name keeps them: "LG Chem Life Sciences"): a fragment of a longer concept the
organisation's text does not name whole ("gastric" of gastric or gastroesophageal junction
cancer, "killer" of natural killer cell), a body part or property without its disease, and
words of market, regulation or development that say nothing of what an asset is ("launch",
"formulation", "dose"). Shown, such a word read as noise in English and stayed English in
Korean, where the glossary has nothing to name it by."""

_ORDINAL = re.compile(r"\d+(st|nd|rd|th)")


def is_shown_term(token: str) -> bool:
    """A key term a reason may show as shared (`is_key_term`, not in SHOWN_NOT, no ordinal)."""
    return is_key_term(token) and token not in SHOWN_NOT and not _ORDINAL.fullmatch(token)


def is_key_term(token: str) -> bool:
    """True for a token worth showing as shared: a code with a digit (HER2 -> her2, GLP-1),
    or a word of at least three letters (two Hangul syllables) that is not generic."""
    if not token or token.isdigit():
        return False
    if token.isascii():
        if any(ch.isdigit() for ch in token):
            return len(token) >= 2
        return len(token) >= 3 and token not in GENERIC_WORDS
    return len(token) >= 2 and token not in KOREAN_GENERIC
