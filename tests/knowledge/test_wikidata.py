"""Tests for turning Wikidata SPARQL JSON results into office-holder records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dyadscope.errors import DyadscopeError
from dyadscope.knowledge.wikidata import office_key, parse_sparql_json

SAMPLE = Path(__file__).parent / "data" / "wikidata_sample.json"


def by_id(records: list[dict]) -> dict[str, dict]:
    return {record["id"]: record for record in records}


def test_groups_rows_by_person() -> None:
    records = by_id(parse_sparql_json(SAMPLE))
    assert sorted(records) == ["phan_van_giang", "vladimir_putin"]


def test_putin_record() -> None:
    putin = by_id(parse_sparql_json(SAMPLE))["vladimir_putin"]
    assert putin["qid"] == "Q7747"
    assert putin["country"] == "RUS"
    assert putin["aliases"] == ["Vladimir Vladimirovich Putin", "Putin"]
    assert [(o["office"], o["start"], o["end"]) for o in putin["offices"]] == [
        ("head_of_state", "2000-05-07", "2008-05-07"),
        ("head_of_government", "2008-05-08", "2012-05-07"),
        ("head_of_state", "2012-05-07", None),
    ]
    assert putin["offices"][0]["title"] == "President of Russia"


def test_country_code_and_unknown_positions() -> None:
    giang = by_id(parse_sparql_json(SAMPLE))["phan_van_giang"]
    assert giang["name"] == "Phan Văn Giang"
    assert giang["country"] == "VNM"
    assert giang["aliases"] == ["Phan Van Giang"]
    offices = {o["title"]: o["office"] for o in giang["offices"]}
    assert offices["Minister of National Defence of Vietnam"] == "defence_minister"
    assert offices["Deputy Minister of National Defence"] == "other"
    assert offices["Chief of the General Staff of the Vietnam People's Army"] == "other"


@pytest.mark.parametrize(
    ("label", "office"),
    [
        ("President of Belarus", "head_of_state"),
        ("Vice President of the United States", "other"),
        ("Prime Minister of Vietnam", "head_of_government"),
        ("Minister of Foreign Affairs of Belarus", "foreign_minister"),
        ("United States Secretary of State", "foreign_minister"),
        ("Secretary of State for Defence", "defence_minister"),
        ("Minister of Defence of Belarus", "defence_minister"),
        ("General Secretary of the Communist Party of Vietnam", "party_leader"),
        ("Mayor of Moscow", "other"),
    ],
)
def test_office_key(label: str, office: str) -> None:
    assert office_key(label) == office


def write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "result.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


ROW = {"person": {"type": "uri", "value": "http://www.wikidata.org/entity/Q1"}}
HEAD = {"vars": ["person", "start"]}


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ("{not json", "not valid JSON"),
        ([], "must be a JSON object"),
        ({"results": {"bindings": []}}, "head.vars"),
        ({"head": HEAD}, "results.bindings"),
        ({"head": {"vars": ["x"]}, "results": {"bindings": []}}, "'person' variable"),
        ({"head": HEAD, "results": {"bindings": ["row"]}}, "binding 1 is not an object"),
        ({"head": HEAD, "results": {"bindings": [{"start": {"value": "2020"}}]}}, "no 'person'"),
        ({"head": HEAD, "results": {"bindings": [{"person": {"type": "uri"}}]}}, "'value'"),
        (
            {
                "head": HEAD,
                "results": {
                    "bindings": [
                        {**ROW, "positionLabel": {"value": "x"}, "start": {"value": "yesterday"}}
                    ]
                },
            },
            "not an xsd:dateTime",
        ),
    ],
)
def test_malformed_input(tmp_path: Path, data: object, reason: str) -> None:
    path = write(tmp_path, data)
    with pytest.raises(DyadscopeError) as caught:
        parse_sparql_json(path)
    assert reason in caught.value.reason
    assert caught.value.stage == "kb"
    assert caught.value.path == str(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DyadscopeError, match="cannot read"):
        parse_sparql_json(tmp_path / "absent.json")
