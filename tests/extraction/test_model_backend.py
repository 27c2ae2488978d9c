"""A local model beside the rules (dari.extraction.backend and chat), against a stand-in
server on 127.0.0.1: what passes the checks is merged and marked, what does not is dropped,
and a model that fails leaves the rules' reading byte for byte. No database.

The texts are SYNTHETIC, in the shape of press releases, about test organisations (not real
companies or deals); "Pfizer" and "화이자" are named only as what a model might invent.
"""

from __future__ import annotations

import json
import logging

import pytest

from dari.extraction import extract, extract_with
from dari.extraction.backend import suggestion_from_json
from dari.extraction.chat import ChatModel, _rules_reading
from dari.extraction.gazetteer import Entry, Gazetteer
from tests.fakechat import FakeChat, completion

GAZ = Gazetteer(
    [
        Entry("organization", "testbio", "Testbio", "KR", ("테스트바이오",)),
        Entry("organization", "globalpharma", "Globalpharma", "US", ("글로벌파마",)),
        Entry("organization", "testcap", "Test Capital", "", ("테스트캐피탈",)),
        Entry("asset", "as-tb101", "TB-101"),
    ],
    aliases={},
)
# The rules read $500 million as the total and miss the $40 million paid at closing.
EN = (
    "Globalpharma Inc. and Testbio Co., Ltd. signed an agreement on TB-101. Under the terms, "
    "the company pays $40 million on closing and as much as $500 million later as the "
    "programme advances."
)
# The rules read 4억 달러 as the total and miss the 1,500만 달러 paid first.
KO = (
    "테스트바이오와 글로벌파마가 TB-101 계약을 맺었다. 글로벌파마가 권리를 가져가는 대가로 "
    "테스트바이오에 1,500만 달러를 먼저 내고, 향후 최대 4억 달러를 준다."
)
KO_ROUND = (
    "테스트바이오가 시리즈B 투자 유치로 300억원을 확보했다고 2025년 3월 7일 밝혔다. "
    "테스트캐피탈과 글로벌파마 등이 참여했다."
)


def answer(parties=(), upfront=None, milestones=None, total=None, currency=None, date=None):
    return {
        "parties": [{"name": n, "role": r} for n, r in parties],
        "upfront": upfront,
        "milestones": milestones,
        "total": total,
        "currency": currency,
        "date": date,
    }


def read_with(reply, text, **model):
    """The candidates of `text` with a model served by `reply`, and the requests it got."""
    with FakeChat(reply) as server:
        cands = extract_with(text, GAZ, "auto", ChatModel(server.url, **model))
    return cands, server.requests


def dumped(cands):
    return json.dumps([c.as_json() for c in cands], ensure_ascii=False)


def parties(fields):
    return [(p["mentioned_as"], p["role"], p["organization"]) for p in fields["parties"]]


def test_an_english_answer_fills_the_terms_the_rules_missed():
    said = answer(
        [("Testbio Co., Ltd.", "licensor"), ("Globalpharma", "licensee")],
        upfront="$40 million",
        milestones="$500 million",
        currency="USD",
    )
    (cand,), requests = read_with(lambda body: completion(said), EN)
    rules = extract(EN, GAZ)[0]
    assert (rules.fields.get("upfront"), rules.fields["total"]) == (None, 500_000_000)
    assert cand.fields["upfront"] == 40_000_000
    assert cand.fields["milestones"] == 500_000_000
    assert cand.fields["total"] == 500_000_000  # the model fills and corrects, never deletes
    assert cand.suggested == ["upfront", "milestones"]  # the parties agree: the rules' stand
    assert cand.fields["parties"] == rules.fields["parties"]
    assert (cand.evidence["upfront"], cand.confidence["upfront"]) == ("$40 million", 0.4)
    assert EN[slice(*cand.spans["upfront"][0])] == "$40 million"
    assert cand.as_json()["suggested"] == ["upfront", "milestones"]
    ((path, body),) = requests
    assert path == "/v1/chat/completions"
    assert body["response_format"]["type"] == "json_schema"
    assert body["temperature"] == 0 and "model" not in body
    assert EN in body["messages"][1]["content"]


def test_a_korean_answer_is_read_with_dari_units_not_the_model_arithmetic():
    said = answer(
        [("테스트바이오", "licensor"), ("글로벌파마", "licensee")],
        upfront="1,500만 달러",
        milestones="4억 달러",
        currency="USD",
    )
    (cand,), requests = read_with(lambda body: completion(said), KO, model="qwen2.5:7b")
    assert (cand.fields["upfront"], cand.fields["milestones"]) == (15_000_000, 400_000_000)
    assert cand.fields["currency"] == "USD"
    assert cand.suggested == ["upfront", "milestones"]
    assert requests[0][1]["model"] == "qwen2.5:7b"


def test_roles_are_corrected_where_the_model_names_both_sides_in_the_text():
    said = answer([("글로벌파마", "licensor"), ("테스트바이오", "licensee")])
    (cand,), _ = read_with(lambda body: completion(said), KO)
    assert parties(cand.fields) == [
        ("글로벌파마", "licensor", "globalpharma"),
        ("테스트바이오", "licensee", "testbio"),
    ]
    assert cand.suggested == ["parties"]
    assert cand.confidence["parties"] == 0.4
    assert [KO[a:b] for a, b in cand.spans["parties"]] == ["글로벌파마", "테스트바이오"]


@pytest.mark.parametrize(
    "said",
    [
        # a party the text does not name: one side is left, the rules' parties stand
        [("Testbio", "licensee"), ("Pfizer", "licensor")],
        # a role no deal has
        [("Testbio", "licensee"), ("Globalpharma", "sponsor")],
        # a public asset is no party
        [("Testbio", "licensee"), ("TB-101", "licensor")],
        # a word of the sentence, not a company
        [("Testbio", "licensee"), ("the company", "licensor")],
        # two sides of different deals
        [("Testbio", "licensee"), ("Globalpharma", "acquirer")],
    ],
)
def test_parties_that_fail_the_checks_leave_the_rules_parties(said):
    (cand,), _ = read_with(lambda body: completion(answer(said)), EN)
    assert dumped([cand]) == dumped(extract(EN, GAZ))
    assert cand.suggested == []


def test_a_hallucinated_party_is_dropped_and_the_rest_is_taken():
    said = answer(
        [("화이자", "licensee"), ("글로벌파마", "licensor"), ("테스트바이오", "licensee")]
    )
    (cand,), _ = read_with(lambda body: completion(said), KO)
    assert parties(cand.fields) == [
        ("글로벌파마", "licensor", "globalpharma"),
        ("테스트바이오", "licensee", "testbio"),
    ]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (EN, {"upfront": "$45 million"}),  # no such amount in the text
        (EN, {"upfront": "40 million"}),  # not as written: the currency left out
        (EN, {"upfront": "$40 million", "currency": "EUR"}),  # the model misreads its own quote
        (EN, {"upfront": "$40 million on closing and as much as $500 million"}),  # two amounts
        (EN, {"upfront": "$500 million", "milestones": "$500 million"}),  # one amount, two terms
        (KO, {"upfront": "1,500만 원"}),  # not in the text
        (KO, {"upfront": "1500만 달러"}),  # not as written
        (KO, {"upfront": "약 207억원"}),  # invented conversion
    ],
)
def test_amounts_not_quoted_from_the_text_are_dropped(text, said):
    (cand,), _ = read_with(lambda body: completion(answer(**said)), text)
    assert dumped([cand]) == dumped(extract(text, GAZ))


def test_a_conversion_in_another_currency_is_no_term():
    text = KO.replace("1,500만 달러를", "1,500만 달러(약 200억원)를")
    (cand,), _ = read_with(lambda body: completion(answer(upfront="약 200억원")), text)
    assert dumped([cand]) == dumped(extract(text, GAZ))


def test_a_round_takes_its_amount_and_investors_from_the_model():
    said = answer(
        [("테스트바이오", "investee"), ("테스트캐피탈", "investor")],
        total="300억원",
        date="3월 7일",
    )
    (cand,), _ = read_with(lambda body: completion(said), KO_ROUND)
    rules = extract(KO_ROUND, GAZ)[0]
    assert cand.kind == "investment" and cand.fields["amount"] == 30_000_000_000
    assert parties(cand.fields) == [
        ("테스트바이오", "investee", "testbio"),
        ("테스트캐피탈", "investor", "testcap"),
    ]
    assert len(rules.fields["parties"]) == 3
    # "3월 7일" alone is no date the text reads: the rules' date stands
    assert cand.fields["date"] == rules.fields["date"] == "2025-03-07"
    assert cand.suggested == ["parties"]


def test_a_model_that_agrees_changes_nothing():
    def echo(body):
        reading = body["messages"][1]["content"].split("Reading by rules: ", 1)[1]
        return completion(json.loads(reading))

    for text in (EN, KO, KO_ROUND):
        cands, requests = read_with(echo, text)
        assert dumped(cands) == dumped(extract(text, GAZ))
        assert len(requests) == 1


def test_the_rules_reading_is_sent_as_the_text_writes_it():
    assert _rules_reading(extract(KO, GAZ)) == {
        "kind": "deal",
        "parties": [
            {"name": "테스트바이오", "role": "licensor"},
            {"name": "글로벌파마", "role": "licensee"},
        ],
        "total": "4억 달러",
        "currency": "USD",
    }


@pytest.mark.parametrize(
    "reply",
    [
        lambda body: (500, b'{"error": "model crashed"}'),
        lambda body: (404, b"not found"),
        lambda body: (200, b"<html>not json</html>"),
        lambda body: completion("The licensor is Testbio and the upfront is $40 million."),
        lambda body: completion("[1, 2, 3]"),
        lambda body: (200, b'{"choices": []}'),
        lambda body: None,  # no answer before the timeout
    ],
    ids=["500", "404", "no-json", "prose", "not-an-object", "no-message", "timeout"],
)
@pytest.mark.parametrize("text", [EN, KO], ids=["en", "ko"])
def test_a_failing_model_leaves_the_rules_reading_and_is_logged(reply, text, caplog):
    with caplog.at_level(logging.WARNING, logger="dari.extraction.backend"):
        cands, requests = read_with(reply, text, timeout=0.3)
    assert dumped(cands) == dumped(extract(text, GAZ))
    assert len(requests) == 1  # no retry
    (record,) = caplog.records
    assert record.getMessage().startswith("extraction model failed, the rules' candidates stand")
    assert text not in record.getMessage()  # the text is not logged


def test_an_unreachable_server_leaves_the_rules_reading():
    with FakeChat(lambda body: completion(answer())) as server:
        url = server.url
    cands = extract_with(EN, GAZ, "auto", ChatModel(url, timeout=2))
    assert dumped(cands) == dumped(extract(EN, GAZ))


def test_a_server_without_json_schemas_is_asked_in_words_then_never_with_a_schema():
    said = answer(upfront="$40 million")

    def reply(body):
        return (
            (400, b'{"error": "response_format"}')
            if "response_format" in body
            else completion(f"```json\n{json.dumps(said)}\n```")
        )

    with FakeChat(reply) as server:
        model = ChatModel(server.url)
        (first,) = extract_with(EN, GAZ, "auto", model)
        (second,) = extract_with(KO, GAZ, "auto", model)
    assert ["response_format" in body for _, body in server.requests] == [True, False, False]
    assert first.fields["upfront"] == 40_000_000
    assert "upfront" not in second.fields  # "$40 million" is not in the Korean text


def test_no_model_and_no_candidate_mean_no_call():
    with FakeChat(lambda body: completion(answer())) as server:
        model = ChatModel(server.url)
        assert extract_with("Testbio opened an office in Boston.", GAZ, "auto", model) == []
        assert dumped(extract_with(EN, GAZ, "auto", None)) == dumped(extract(EN, GAZ))
    assert server.requests == []


def test_answers_are_read_leniently_item_by_item():
    said = suggestion_from_json(
        {
            "parties": [{"name": "Testbio", "role": "Licensor"}, {"name": 3}, "Globalpharma"],
            "upfront": 40,
            "total": "  $1.2 billion ",
            "currency": "usd",
        }
    )
    assert [(p.name, p.role) for p in said.parties] == [("Testbio", "licensor")]
    assert (said.amounts, said.currency, said.date) == ({"total": "$1.2 billion"}, "USD", "")


def _bench():
    """bench/ingest.py, loaded as the script it is."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "bench" / "ingest.py"
    spec = importlib.util.spec_from_file_location("bench_ingest", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_bench_scores_a_model_beside_the_rules_only_when_asked(capsys):
    bench = _bench()
    bench.main(["--splits=dev2"])
    plain = capsys.readouterr().out
    assert "ours+model" not in plain and "Model at" not in plain

    def echo(body):
        reading = body["messages"][1]["content"].split("Reading by rules: ", 1)[1]
        return completion(json.loads(reading))

    with FakeChat(echo) as server:
        bench.main(["--splits=dev2", "--model-url", server.url, "--model-name=local"])
    out = capsys.readouterr().out
    rows = [line.split(" | ") for line in out.splitlines() if line.startswith("| dev2")]
    ours = {r[0]: r[2:] for r in rows if r[1] == "ours"}
    with_model = {r[0]: r[2:] for r in rows if r[1] == "ours+model"}
    assert with_model == ours and set(ours) == {"| dev2 en", "| dev2 ko", "| dev2 all"}
    # the rules' rows and the baseline's are as without a model
    assert [line for line in out.splitlines() if "ours+model" not in line][
        :-2
    ] == plain.splitlines()
    sent = [body["messages"][1]["content"] for _, body in server.requests]
    assert len(set(sent)) == len(sent)  # each text once, however many rows show it
    assert {body["model"] for _, body in server.requests} == {"local"}
    assert out.splitlines()[-1] == (
        f"Model at {server.url}/chat/completions: {len(sent)} texts sent, 0 failed "
        "(the rules' reading kept), 0 changed by its suggestions."
    )


class _Agrees:
    """A model that answers with the rules' own reading (as `chat.py` sends it)."""

    def __init__(self):
        self.calls = 0

    def suggest(self, text, lang, candidates):
        self.calls += 1
        return suggestion_from_json(_rules_reading(candidates))


def test_on_real_texts_no_model_or_one_that_agrees_leaves_the_rules_output_byte_for_byte():
    bench = _bench()
    rows = [r for r in bench.training_rows() if r["split"] in ("dev2", "dev8")]
    assert {r["lang"] for r in rows} == {"en", "ko"}
    gaz = bench.gazetteer()
    agrees = _Agrees()
    offered = 0
    for row in rows:
        found = extract(row["text"], gaz)
        offered += bool(found and found[0].kind in ("deal", "investment"))
        assert dumped(extract_with(row["text"], gaz)) == dumped(found)
        assert dumped(extract_with(row["text"], gaz, "auto", agrees)) == dumped(found)
    assert agrees.calls == offered > 50  # each text with a deal or a round, once
