"""Validate the packaged knowledge files: JSON per line, unique ids, keys, codes, dates."""

from __future__ import annotations

import calendar
import json
import re
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pytest

DATA = Path(__file__).resolve().parents[2] / "src" / "dyadscope" / "data"

REQUIRED: dict[str, tuple[str, ...]] = {
    "gazetteers/countries.jsonl": (
        "id",
        "alpha3",
        "name",
        "names",
        "demonyms",
        "capitals",
        "metonyms",
        "qid",
    ),
    "gazetteers/organizations.jsonl": ("id", "name", "aliases", "country", "kind"),
    "gazetteers/titles.jsonl": ("id", "pattern", "role", "kind", "office"),
    "gazetteers/weapons.jsonl": ("id", "name", "aliases", "category", "origin"),
    "office_holders.jsonl": ("id", "name", "country", "aliases", "offices", "qid"),
}
OFFICES = {
    "head_of_state",
    "head_of_government",
    "foreign_minister",
    "defence_minister",
    "party_leader",
}
TITLE_KINDS = {"office", "rank", "honorific"}
ORG_KINDS = {"IGO", "military", "party", "ministry", "company", "media", "bank"}
WEAPON_CATEGORIES = {
    "fighter",
    "UAV",
    "SAM",
    "tank",
    "ship",
    "submarine",
    "artillery",
    "missile",
    "radar",
    "helicopter",
    "armoured vehicle",
    "EW",
    "aircraft",
}
ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@cache
def records(name: str) -> tuple[dict[str, Any], ...]:
    out = []
    for number, line in enumerate((DATA / name).read_text(encoding="utf-8").splitlines(), 1):
        assert line.strip(), f"{name}:{number}: blank line"
        record = json.loads(line)
        assert isinstance(record, dict), f"{name}:{number}: not an object"
        out.append(record)
    return tuple(out)


@cache
def alpha3_codes() -> frozenset[str]:
    return frozenset(r["alpha3"] for r in records("gazetteers/countries.jsonl"))


def bounds(value: str) -> tuple[date, date]:
    """Earliest and latest day an ISO date of year, month or day precision can mean."""
    match = ISO.match(value)
    assert match, f"bad date {value!r}"
    year, month, day = (int(g) if g else None for g in match.groups())
    if day:
        return date(year, month, day), date(year, month, day)
    if month:
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    return date(year, 1, 1), date(year, 12, 31)


@pytest.mark.parametrize("name", sorted(REQUIRED))
def test_ids_and_keys(name: str) -> None:
    ids = [r.get("id") for r in records(name)]
    assert all(isinstance(i, str) and i for i in ids), f"{name}: missing or empty id"
    assert len(ids) == len(set(ids)), f"{name}: duplicate ids"
    for record in records(name):
        missing = [key for key in REQUIRED[name] if key not in record]
        assert not missing, f"{name}: {record['id']} lacks {missing}"


@pytest.mark.parametrize("name", sorted(REQUIRED))
def test_string_lists(name: str) -> None:
    for record in records(name):
        for key in ("names", "demonyms", "capitals", "metonyms", "aliases"):
            if key in record:
                values = record[key]
                assert isinstance(values, list), f"{record['id']}.{key}"
                assert all(isinstance(v, str) and v.strip() == v and v for v in values), (
                    f"{record['id']}.{key}: empty or padded string"
                )


def test_countries() -> None:
    for record in records("gazetteers/countries.jsonl"):
        assert re.fullmatch(r"[A-Z]{3}", record["alpha3"]), record["id"]
        assert record["id"] == record["alpha3"]
        assert record["name"] in record["names"]
        assert record["qid"] is None or re.fullmatch(r"Q\d+", record["qid"])
        assert "America" not in record["names"]
    assert {"BLR", "VNM", "RUS", "CHN", "USA", "PRK", "UKR", "ARE", "MNG"} <= alpha3_codes()


def test_country_surface_forms_are_unambiguous() -> None:
    owner: dict[str, str] = {}
    for record in records("gazetteers/countries.jsonl"):
        for form in record["names"]:
            assert owner.setdefault(form, record["id"]) == record["id"], f"{form!r} is ambiguous"


def test_titles() -> None:
    for record in records("gazetteers/titles.jsonl"):
        assert record["pattern"] == record["pattern"].lower(), record["id"]
        assert record["kind"] in TITLE_KINDS, record["id"]
        assert record["office"] is None or record["office"] in OFFICES, record["id"]
    patterns = [r["pattern"] for r in records("gazetteers/titles.jsonl")]
    assert len(patterns) == len(set(patterns)), "duplicate title patterns"


def test_organizations() -> None:
    for record in records("gazetteers/organizations.jsonl"):
        assert record["kind"] in ORG_KINDS, record["id"]
        assert record["country"] is None or record["country"] in alpha3_codes(), record["id"]


def test_weapons() -> None:
    for record in records("gazetteers/weapons.jsonl"):
        assert record["category"] in WEAPON_CATEGORIES, record["id"]
        assert record["origin"] in alpha3_codes(), record["id"]


def test_office_holders() -> None:
    org_ids = {r["id"].upper() for r in records("gazetteers/organizations.jsonl")}
    for person in records("office_holders.jsonl"):
        pid = person["id"]
        assert re.fullmatch(r"[a-z0-9_]+", pid), pid
        assert person["country"] in alpha3_codes(), pid
        assert person["qid"] is None or re.fullmatch(r"Q\d+", person["qid"]), pid
        assert person["offices"], pid
        for office in person["offices"]:
            assert office["office"] in OFFICES, pid
            assert isinstance(office["title"], str) and office["title"], pid
            if "country" in office:
                assert office["country"] is None or office["country"] in alpha3_codes(), pid
            if "org" in office:
                assert office["org"] in org_ids, pid
            start_low, _ = bounds(office["start"])
            if office["end"] is not None:
                _, end_high = bounds(office["end"])
                assert start_low <= end_high, f"{pid}: {office['start']} > {office['end']}"


def test_gold_people_are_known() -> None:
    ids = {r["id"] for r in records("office_holders.jsonl")}
    assert {
        "alexander_lukashenko",
        "viktor_khrenin",
        "phan_van_giang",
        "luong_cuong",
        "pham_minh_chinh",
        "vladimir_putin",
        "to_lam",
        "kim_jong_un",
        "nguyen_phu_trong",
        "tran_dai_quang",
    } <= ids
