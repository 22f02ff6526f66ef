"""Turn a Wikidata SPARQL JSON result about office holders into office_holders.jsonl records.

Expected input is the standard SPARQL 1.1 JSON result format::

    {"head": {"vars": [...]}, "results": {"bindings": [{"person": {"type": "uri", ...}}]}}

of a query such as ``SELECT ?person ?personLabel ?positionLabel ?countryCode ?start ?end
?altLabel WHERE {...}``.  Recognised variables:

- ``person`` (required): the person's entity URI, e.g. ``http://www.wikidata.org/entity/Q7747``
- ``personLabel``: the English name (defaults to the QID)
- ``positionLabel`` or ``position``: the office held (a label, or an entity URI)
- ``countryCode`` / ``iso3`` / ``alpha3``: ISO alpha-3 code; or ``country``: an entity URI,
  mapped to alpha-3 through the Wikidata ids in countries.jsonl
- ``start``, ``end``: ``xsd:dateTime`` values, truncated to ISO dates
- ``altLabel`` / ``aliases``: other names, several separated by ", "

Rows are grouped by person.  Position labels are mapped to office keys with the office
patterns of titles.jsonl (the longest matching pattern wins, so "Vice President of X" is
not a head of state); positions that match no keyed pattern get office ``"other"``.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from anyascii import anyascii

from dyadscope.errors import DyadscopeError

STAGE = "kb"
GAZETTEERS = resources.files("dyadscope") / "data" / "gazetteers"
QID = re.compile(r"Q\d+$")
DATE = re.compile(r"^(-?\d{4,})-(\d{2})-(\d{2})")
ALIAS_SEPARATOR = ", "

POSITION_VARS = ("positionLabel", "position")
CODE_VARS = ("countryCode", "iso3", "alpha3")
ALIAS_VARS = ("altLabel", "aliases")


def parse_sparql_json(path: Path) -> list[dict[str, Any]]:
    """Office-holder records, one per person, from a Wikidata SPARQL JSON result file."""
    bindings = _bindings(_read(path), path)
    people: dict[str, dict[str, Any]] = {}
    for number, row in enumerate(bindings, start=1):
        _add_row(people, _row_values(row, number, path), number, path)
    return _finish(people)


def _fail(path: Path, reason: str) -> DyadscopeError:
    return DyadscopeError(str(path), STAGE, reason)


def _read(path: Path) -> Any:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise _fail(path, f"cannot read SPARQL result: {error.strerror or error}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise _fail(path, f"SPARQL result is not valid JSON: {error}") from None


def _bindings(data: Any, path: Path) -> list[Any]:
    if not isinstance(data, dict):
        raise _fail(path, "SPARQL result must be a JSON object")
    head = data.get("head")
    if not isinstance(head, dict) or not isinstance(head.get("vars"), list):
        raise _fail(path, "SPARQL result has no 'head.vars' list")
    results = data.get("results")
    if not isinstance(results, dict) or not isinstance(results.get("bindings"), list):
        raise _fail(path, "SPARQL result has no 'results.bindings' list")
    if "person" not in head["vars"]:
        raise _fail(path, "SPARQL result has no 'person' variable")
    return results["bindings"]


def _row_values(row: Any, number: int, path: Path) -> dict[str, str]:
    """The plain string value of every variable bound in one result row."""
    if not isinstance(row, dict):
        raise _fail(path, f"binding {number} is not an object")
    values: dict[str, str] = {}
    for name, cell in row.items():
        if not isinstance(cell, dict) or not isinstance(cell.get("value"), str):
            raise _fail(path, f"binding {number}: variable {name!r} has no string 'value'")
        values[name] = cell["value"].strip()
    if not values.get("person"):
        raise _fail(path, f"binding {number} has no 'person'")
    return values


People = dict[str, dict[str, Any]]


def _add_row(people: People, row: dict[str, str], number: int, path: Path) -> None:
    key = row["person"]
    qid = _qid(key)
    person = people.setdefault(
        key,
        {
            "name": row.get("personLabel") or qid or key,
            "country": None,
            "aliases": [],
            "offices": [],
            "qid": qid,
        },
    )
    country = _country(row)
    person["country"] = person["country"] or country
    person["aliases"].extend(_aliases(row))
    position = _first(row, POSITION_VARS)
    if position:
        office = {
            "office": office_key(position),
            "title": _label(position),
            "start": _date(row.get("start"), "start", number, path),
            "end": _date(row.get("end"), "end", number, path),
        }
        if country:
            office["country"] = country
        if office not in person["offices"]:
            person["offices"].append(office)


def _first(row: dict[str, str], names: tuple[str, ...]) -> str | None:
    return next((row[name] for name in names if row.get(name)), None)


def _qid(uri: str) -> str | None:
    match = QID.search(uri)
    return match.group(0) if match else None


def _label(value: str) -> str:
    """A label as given, or the QID when the query returned only an entity URI."""
    if value.startswith("http"):
        return _qid(value) or value
    return value


def _country(row: dict[str, str]) -> str | None:
    code = _first(row, CODE_VARS)
    if code:
        return code.upper()
    uri = row.get("country")
    return country_qids().get(_qid(uri) or "") if uri else None


def _aliases(row: dict[str, str]) -> list[str]:
    value = _first(row, ALIAS_VARS) or ""
    return [alias.strip() for alias in value.split(ALIAS_SEPARATOR) if alias.strip()]


def _date(value: str | None, name: str, number: int, path: Path) -> str | None:
    if not value:
        return None
    match = DATE.match(value)
    if not match:
        raise _fail(path, f"binding {number}: {name} {value!r} is not an xsd:dateTime")
    return "-".join(match.groups())


def _finish(people: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = []
    used: set[str] = set()
    for person in people.values():
        pid = slug(person["name"])
        if pid in used or not pid:
            pid = f"{pid}_{(person['qid'] or str(len(used))).lower()}".strip("_")
        used.add(pid)
        records.append(_record(pid, person))
    return records


def _record(pid: str, person: dict[str, Any]) -> dict[str, Any]:
    country = person["country"]
    offices = []
    for office in person["offices"]:
        if office.get("country") == country:
            office = {k: v for k, v in office.items() if k != "country"}
        offices.append(office)
    offices.sort(key=lambda o: o["start"] or "")
    names = {person["name"].casefold()}
    aliases = []
    for alias in person["aliases"]:
        if alias.casefold() not in names:
            names.add(alias.casefold())
            aliases.append(alias)
    return {
        "id": pid,
        "name": person["name"],
        "country": country,
        "aliases": aliases,
        "offices": offices,
        "qid": person["qid"],
    }


def slug(name: str) -> str:
    """ "Phan Văn Giang" -> "phan_van_giang"."""
    return re.sub(r"[^a-z0-9]+", "_", anyascii(name).lower()).strip("_")


def office_key(position: str) -> str:
    """Office key for a position label: the office of the longest titles.jsonl pattern in it."""
    text = f" {re.sub(r'[^a-z0-9]+', ' ', anyascii(position).lower()).strip()} "
    best: tuple[int, str | None] = (0, None)
    for pattern, office in office_patterns():
        if len(pattern) > best[0] and f" {pattern} " in text:
            best = (len(pattern), office)
    return best[1] or "other"


@cache
def office_patterns() -> tuple[tuple[str, str | None], ...]:
    """(normalised pattern, office key or None) for every office title in titles.jsonl."""
    out = []
    for record in _jsonl("titles.jsonl"):
        if record.get("kind") == "office":
            for phrase in (record["pattern"], record["role"]):
                norm = re.sub(r"[^a-z0-9]+", " ", anyascii(phrase).lower()).strip()
                if norm:
                    out.append((norm, record.get("office")))
    return tuple(out)


@cache
def country_qids() -> dict[str, str]:
    """Wikidata QID -> alpha-3 code, from countries.jsonl."""
    return {r["qid"]: r["alpha3"] for r in _jsonl("countries.jsonl") if r.get("qid")}


def _jsonl(name: str) -> list[dict[str, Any]]:
    text = GAZETTEERS.joinpath(name).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]
