"""Convert the PETRARCH2 dictionaries and the CAMEO->PLOVER table into dyadscope's lexicons.

Run from the repository root (with ../shared beside it), then rebuild the manifest::

    .venv/bin/python scripts/build_lexicons.py [--shared ../shared]
    .venv/bin/python scripts/build_manifest.py

Reads (never at run time, only here):
- ``lexicons/petrarch2/CAMEO.2.0.txt``: verb synonym blocks and their patterns (MIT)
- ``lexicons/petrarch2/Phoenix.agents.txt``: role nouns to CAMEO agent codes (MIT)
- ``lexicons/petrarch2/Phoenix.discards.txt``: phrases that mark non-political text (MIT)
- ``lexicons/plover/CAMEO2PLOVER-2021.txt``: CAMEO codes to PLOVER (CC BY-SA 4.0)

Writes into ``src/dyadscope/data/lexicons/``:
- ``cameo_verbs.jsonl``: one verb block a line: its verbs (lemma, particles, inflected
  forms, own code) and its patterns (subject words, object phrases, prepositional
  phrases, which slot holds the target, CAMEO code and the code of the reverse act)
- ``cameo_synsets.json``: the noun classes (&TREATY, &WEAPON ...) the patterns use
- ``cameo_plover.json``: our CAMEO->PLOVER table: the 2021 table, with the changes that
  PLOVER v2.0 and our gold annotation rules make (listed with reasons in OVERRIDES)
- ``agents.json``: role nouns to sectors (GOV, MIL, COP, OPP, REB, BUS, CVL ...)
- ``discards.json``: phrases whose sentence (or story, for ``story``) codes no event
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path
from typing import Any

from dyadscope.extract.lexicon import plurals, verb_forms

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "src" / "dyadscope" / "data" / "lexicons"
VERSION = "1"

# Where our gold rules (PLOVER v2.0, shared/gold/README.md) part from the 2021 table.
OVERRIDES: dict[str, tuple[str, str | None, str | None, str]] = {
    "01": ("", None, None, "public statements are no PLOVER event"),
    "016": ("REJECT", "deny", None, "denials are REJECT"),
    "018": ("SUPPORT", "praise", "diplomatic", "empathetic comment: sympathy is support"),
    "019": ("AGREE", None, "diplomatic", "express accord"),
    "02": ("REQUEST", None, None, "appeals are REQUEST (v2.0)"),
    "09": ("", None, None, "monitoring and studying are no act toward another side"),
    "090": ("", None, None, "monitoring and studying are no act toward another side"),
    "091": ("", None, None, "monitoring and studying are no act toward another side"),
    "092": ("", None, None, "monitoring and studying are no act toward another side"),
    "093": ("", None, None, "monitoring and studying are no act toward another side"),
    "040": ("CONSULT", "meet", None, "meetings and talks (our mode name)"),
    "046": ("CONSULT", "meet", "diplomatic", "negotiations are talks"),
    "051": ("SUPPORT", "praise", "diplomatic", "praise or endorse (our mode name)"),
    "08": ("CONCEDE", None, None, "the 2021 table lists 08 twice; the block is CONCEDE"),
    "057": ("SUPPORT", "sign", "diplomatic", "signing an agreement is SUPPORT (gold README)"),
    "163": ("SANCTION", "restrict", "economic", "sanctions, embargoes, tariffs are SANCTION"),
    "0871": ("CONCEDE", "ceasefire", "military", "ceasefires are CONCEDE (gold README)"),
    "0872": ("CONCEDE", "ease", "military", "easing a blockade is a concession"),
    "087": ("CONCEDE", None, "military", "de-escalation is a concession"),
    "0874": ("RETREAT", "withdraw", "military", "actual withdrawals are RETREAT"),
    "0873": ("RETREAT", "disarm", "military", "demobilisation is RETREAT"),
    "084": ("RETREAT", "release", "legal", "releases of people are RETREAT"),
    "0841": ("RETREAT", "release", "legal", "releases of people are RETREAT"),
    "166": ("SANCTION", "expel", "diplomatic", "expelling diplomats is SANCTION"),
    "174": ("COERCE", "deport", "legal", "expulsions of people are COERCE"),
    "191": ("COERCE", "blockade", "military", "blockades are COERCE"),
    "192": ("COERCE", "occupy", "military", "seizures of territory are COERCE"),
    "196": ("ASSAULT", None, "military", "violating a ceasefire is an attack"),
}

SECTORS = {
    "GOV": "government", "MIL": "military", "COP": "police", "JUD": "judiciary",
    "LEG": "legislature", "SPY": "intelligence", "OPP": "opposition", "REB": "rebels",
    "INS": "insurgents", "CVL": "civilians", "BUS": "business", "MED": "media",
    "EDU": "education", "HLH": "health", "CRM": "criminals", "UAF": "armed group",
    "REL": "religious", "LAB": "labour", "AGR": "agriculture", "NGO": "ngo",
    "NGM": "movement", "REF": "refugees", "ELI": "elites", "PTY": "party",
    "HRI": "rights group", "ENV": "environment", "SEP": "separatists", "IGO": "igo",
    "DEV": "development", "MOD": "moderates", "RAD": "radicals", "PPL": "civilians",
}
MARKERS = {"+", "$", "%", "^"}


def strip_comment(line: str) -> str:
    return line.split("#", 1)[0].rstrip()


def parse_synsets(lines: list[str]) -> dict[str, list[list[str]]]:
    synsets: dict[str, list[list[str]]] = {}
    name: str | None = None
    no_plural = False
    for raw in lines:
        line = strip_comment(raw).strip()
        if line.startswith("&"):
            name = line.rstrip("_")
            no_plural = line.endswith("_")
            synsets[name] = []
        elif line.startswith("+") and name:
            phrase = line[1:]
            stop = no_plural or phrase.endswith("_")
            words = [w.lower() for w in phrase.strip("_").split("_") if w]
            synsets[name].append(words)
            if not stop and words[-1].isalpha():
                for plural in plurals(words[-1]):
                    synsets[name].append([*words[:-1], plural])
        elif not line:
            name = None
    return synsets


CODE = re.compile(r"\[([^\]]*)\]")


def split_code(text: str) -> tuple[str | None, str | None]:
    """'042:043' -> ('042', '043'); ':020' -> (None, '020'); '---' -> (None, None)."""
    primary, _, reverse = text.strip().partition(":")

    def clean(code: str) -> str | None:
        code = code.strip()
        return code if code and code != "---" and code.isdigit() else None

    return clean(primary), clean(reverse)


def parse_verb_line(line: str) -> list[dict[str, Any]]:
    """'MEET {MEETS MET MEETING} [040]', '+MEET_WITH {...}', 'WIRE_+TAP' -> verb entries."""
    code_match = CODE.search(line)
    code = split_code(code_match.group(1)) if code_match else (None, None)
    body = CODE.sub("", line)
    irregular: list[str] = []
    if "{" in body:
        body, _, rest = body.partition("{")
        irregular = rest.split("}")[0].split()
    words = body.split()
    if not words:
        return []
    phrase = words[0]
    parts = phrase.split("_")
    marked = [i for i, p in enumerate(parts) if p.startswith("+")]
    head = marked[0] if marked else 0
    parts = [p.lstrip("+").lower() for p in parts if p.strip("+")]
    if not parts:
        return []
    lemma = parts[head]
    forms = set(verb_forms(lemma))
    for form in irregular:
        form_parts = [p.lstrip("+").lower() for p in form.split("_") if p.strip("+")]
        if len(form_parts) == len(parts):
            forms.add(form_parts[head])
    return [{
        "lemma": lemma,
        "before": parts[:head],
        "after": parts[head + 1 :],
        "forms": sorted(forms),
        "code": code[0],
        "reverse": code[1],
    }]


TOKEN = re.compile(r"\{[^}]*\}|\([^)]*\)|[^\s(){}]+")


def parse_terms(text: str) -> list[str]:
    return [w.lower() if not w.startswith("&") else w for w in text.split() if w not in MARKERS]


def parse_pattern(line: str) -> dict[str, Any] | None:
    code_match = CODE.search(line)
    if not code_match:
        return None
    primary, reverse = split_code(code_match.group(1))
    body = line[1 : code_match.start()].strip()
    if "*" not in body:
        return None
    before, _, after = body.partition("*")
    pattern: dict[str, Any] = {
        "subject": [t for t in parse_terms(re.sub(r"[{}()]", " ", before))],
        "objects": [],
        "preps": [],
        "target": None,
        "source": None,
        "code": primary,
        "reverse": reverse,
    }
    for piece in TOKEN.findall(after):
        if piece.startswith("("):
            words = piece[1:-1].split()
            if not words:
                continue
            preps = [p.lower() for p in words[0].split("/")]
            inner = " ".join(words[1:])
            terms = parse_terms(inner.replace("{", " ").replace("}", " "))
            pattern["preps"].append({"prep": preps, "terms": terms})
            if "+" in inner.split():
                pattern["target"] = preps
            if "$" in inner.split():
                pattern["source"] = preps
        elif piece.startswith("{"):
            terms = parse_terms(piece[1:-1])
            if terms:
                pattern["objects"].append(terms)
        elif piece == "+":
            pattern["target"] = pattern["target"] or ["object"]
        elif piece in MARKERS:
            continue
        else:
            pattern["objects"].append(parse_terms(piece))
    pattern["objects"] = [o for o in pattern["objects"] if o]
    if primary is None and reverse is None and not pattern["objects"] and not pattern["preps"]:
        return None
    return pattern


def parse_blocks(lines: list[str]) -> list[dict[str, Any]]:
    blocks: list[dict[str, Any]] = []
    block: dict[str, Any] | None = None
    for raw in lines:
        line = strip_comment(raw)
        if raw.startswith("---"):
            header = raw.strip("- \n")
            code = CODE.search(header)
            name = CODE.sub("", header).strip()
            primary, reverse = split_code(code.group(1)) if code else (None, None)
            block = {"block": name, "code": primary, "reverse": reverse,
                     "verbs": [], "patterns": []}
            blocks.append(block)
        elif block is None or not line.strip():
            continue
        elif line.startswith("-"):
            pattern = parse_pattern(line)
            if pattern is not None:
                block["patterns"].append(pattern)
        elif not line.startswith(("~", "&", "+ ")):
            block["verbs"] += parse_verb_line(line.strip())
    return [b for b in blocks if b["verbs"]]


def cameo_verbs(path: Path) -> tuple[list[dict[str, Any]], dict[str, list[list[str]]]]:
    lines = path.read_text(encoding="latin-1").splitlines()
    start = next(i for i, line in enumerate(lines) if "VERB PATTERNS" in line)
    stop = next(i for i, line in enumerate(lines) if "TRANSFORMATIONS" in line)
    synsets = parse_synsets(lines[:start])
    return parse_blocks(lines[start:stop]), synsets


def plover_table(path: Path) -> dict[str, Any]:
    table: dict[str, dict[str, Any]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^(\d{2,4}):\s*([^#]*)(?:#\s*(.*))?$", line)
        if not match:
            continue
        code, fields, note = match.group(1), match.group(2), (match.group(3) or "").strip()
        parts = [p.strip() for p in fields.split(",")] + ["", ""]
        kind = parts[0].upper()
        if not kind:
            continue
        table[code] = {"type": kind, "mode": parts[1] or None,
                       "context": parts[2].replace(" ", "") or None, "cameo": note}
    for code, (kind, mode, context, why) in OVERRIDES.items():
        table[code] = {**table.get(code, {"cameo": ""}), "type": kind or None, "mode": mode,
                       "context": context, "changed": why}
    return {
        "version": VERSION,
        "source": "openeventdata/PLOVER CAMEO2PLOVER-2021.txt (draft 0.8, CC BY-SA 4.0), "
                  "changed where PLOVER v2.0 and shared/gold/README.md differ ('changed')",
        "codes": dict(sorted(table.items())),
    }


def agents(path: Path) -> dict[str, Any]:
    substitutions: dict[str, list[str]] = {}
    table: dict[str, str] = {}
    for raw in path.read_text(encoding="latin-1").splitlines():
        line = strip_comment(raw).strip()
        if not line:
            continue
        sub = re.match(r"^(![A-Z]+!)\s*=\s*(.*)$", line)
        if sub:
            substitutions[sub.group(1)] = [w.strip() for w in sub.group(2).split(",")]
            continue
        match = re.match(r"^(.*?)\s*(\{[^}]*\})?\s*\[([^\]]*)\]", line)
        if not match:
            continue
        phrase, irregular, code = match.group(1), match.group(2), match.group(3)
        sector = code.replace("~", "")[:3]
        if sector not in SECTORS:
            continue
        for variant in _substituted(phrase.strip(), substitutions):
            words = variant.strip("_").replace("_", " ").lower().split()
            if not words:
                continue
            name = " ".join(words)
            table.setdefault(name, sector)
            if irregular is None:
                for plural in plurals(words[-1]):
                    table.setdefault(" ".join([*words[:-1], plural]), sector)
            else:
                for form in irregular.strip("{}").split():
                    table.setdefault(form.replace("_", " ").lower(), sector)
    return {"version": VERSION, "source": "PETRARCH2 Phoenix.agents.txt (MIT)",
            "sectors": SECTORS, "agents": dict(sorted(table.items()))}


def _substituted(phrase: str, substitutions: dict[str, list[str]]) -> list[str]:
    for marker, words in substitutions.items():
        if marker in phrase:
            return [v for w in words for v in _substituted(phrase.replace(marker, w),
                                                            substitutions)]
    return [phrase]


# PETRARCH coded the day's news only and so discarded sentences with years or 'months
# ago'; dyadscope dates such events instead, so those discards are dropped.
TEMPORAL = re.compile(r"^\d{4}\b|\b(?:ago|later|millennium)\b")


def discards(path: Path) -> dict[str, Any]:
    sentence: list[str] = []
    story: list[str] = []
    for raw in path.read_text(encoding="latin-1").splitlines():
        line = strip_comment(raw).strip()
        if not line or line.startswith("<"):
            continue
        whole = line.startswith("+")
        phrase = line.lstrip("+").strip().lower()
        if TEMPORAL.search(phrase):
            continue
        (story if whole else sentence).append(phrase)
    return {"version": VERSION, "source": "PETRARCH2 Phoenix.discards.txt (MIT); a phrase "
            "ending in '_' must end a word, others are stems",
            "sentence": sorted(set(sentence)), "story": sorted(set(story))}


# Words that make an alias a group's name, not one of its leaders' ('Khaled Meshaal' is
# listed among Hamas's aliases in the dictionary).
GROUP_WORDS = {"army", "armies", "front", "brigade", "brigades", "battalion", "battalions",
               "movement", "party", "group", "organization", "organisation", "council",
               "forces", "force", "militia", "militias", "liberation", "resistance", "jihad",
               "mujahideen", "mujahidin", "faction", "committee", "league", "union", "cells",
               "commandos", "guerrillas", "guard", "guards", "legion", "alliance", "network",
               "tigers", "fighters", "revolutionary", "islamic", "popular", "national"}
FUNCTION_WORDS = {"of", "the", "and", "for", "in", "al", "el", "de", "la", "del", "des", "du"}


def _group_name(raw: str) -> str:
    """'ISLAMIC_ARMY_OF_ADEN_(IAA)_' -> 'Islamic Army of Aden'."""
    text = re.sub(r"\([^)]*\)", " ", raw.replace("_", " ")).strip(" +-")
    if " " not in text and (len(text) <= 4 or not re.search(r"[AEIOU]", text[1:])):
        return text  # an acronym: 'PKK', 'FARC'
    words = []
    for index, word in enumerate(text.split()):
        lower = word.lower()
        if index and lower in FUNCTION_WORDS:
            words.append(lower)
        else:
            words.append("-".join(part[:1].upper() + part[1:].lower()
                                  for part in word.split("-")))
    return " ".join(words)


# One-word names that are words of news English or people's names, not only groups'.
COMMON_ONE_WORDS = {"youth", "zero", "tigers", "falcon", "mavericks", "yahweh", "shahin",
                    "nasrallah", "hotaru", "camo", "contras", "venceremos", "hisba", "amal",
                    "bersatu", "boogeymen"}
SHORT_ACRONYMS = {"PKK", "PLO", "PUK", "ETA", "IRA", "ELN", "HPG"}


def _group_alias(name: str) -> bool:
    words = name.lower().replace("-", " ").split()
    return len(words) == 1 or bool(set(words) & GROUP_WORDS)


def _one_word_ok(name: str) -> bool:
    """A lone word names a group only as a longer acronym ('FARC', 'EZLN'), a listed short
    one ('PKK'), or a word of six letters or more that English does not use otherwise."""
    if " " in name:
        return True
    if name.lower() in COMMON_ONE_WORDS:
        return False
    if name.isupper() or "/" in name or not re.search(r"[a-z]", name):
        return name in SHORT_ACRONYMS or (len(name) >= 4 and name.replace("-", "").isalpha())
    return len(name) >= 5 and name.lower() not in COMMON_ONE_WORDS and name.isascii() and (
        name.replace("-", "").isalpha())


def armed_groups(path: Path, countries: set[str], curated: set[str]) -> list[dict[str, Any]]:
    """Non-state armed groups whose dictionary code opens with a country ('HAMAS_ ...
    [PSEREBHMS]' -> Hamas, PSE). Regional codes ('SASREB') and blocks whose codes all
    carry dates (people) are left out; so are aliases naming no group."""
    blocks: list[tuple[list[str], list[str]]] = []
    for raw in path.read_text(encoding="latin-1").splitlines():
        line = strip_comment(raw).rstrip()
        if not line.strip():
            continue
        codes = re.findall(r"\[([^\]]*)\]", line)
        name = re.sub(r"\[[^\]]*\]", "", line).strip()
        if line[0] not in " \t+" and name:
            blocks.append(([name], []))
        elif name.startswith("+") and blocks:
            blocks[-1][0].append(name[1:])
        if codes and blocks:
            blocks[-1][1].extend(codes)
    found: dict[str, dict[str, Any]] = {}
    for names, codes in blocks:
        undated = [c.split()[0] for c in codes if len(c.split()) == 1]
        country = undated[0][:3] if undated else None
        if country not in countries:
            continue
        spelled = [_group_name(n) for n in names]
        kept = spelled[:1] + [n for n in spelled[1:] if len(n) > 2 and _group_alias(n)]
        if len(kept[0]) < 3:
            continue
        ident = "mnsa_" + re.sub(r"[^a-z0-9]+", "_", kept[0].lower()).strip("_")
        if ident in found:
            continue
        if not _one_word_ok(kept[0]) or {n.lower() for n in kept} & curated:
            continue
        shouted = {n.upper() for n in kept if " " not in n}  # 'HAMAS' in a wire headline
        aliases = sorted({a for a in {*kept, *shouted} if _one_word_ok(a)} - {kept[0]})
        found[ident] = {"id": ident, "name": kept[0], "aliases": aliases, "country": country,
                        "kind": "armed_group"}
    return [found[key] for key in sorted(found)]


def write_json(folder: Path, name: str, content: Any) -> None:
    (folder / name).write_text(json.dumps(content, indent=1, ensure_ascii=False) + "\n",
                               encoding="utf-8")


def build(lexicons: Path, out: Path) -> str:
    """Convert the dictionaries under `lexicons` into the data files in `out`."""
    blocks, synsets = cameo_verbs(lexicons / "petrarch2" / "CAMEO.2.0.txt")
    with (out / "cameo_verbs.jsonl").open("w", encoding="utf-8") as stream:
        for index, block in enumerate(blocks):
            stream.write(json.dumps({"id": f"{index:04d}-{block['block']}", **block}) + "\n")
    write_json(out, "cameo_synsets.json", {"version": VERSION, "source": "PETRARCH2 "
               "CAMEO.2.0.txt (MIT)", "synsets": synsets})
    write_json(out, "cameo_plover.json",
               plover_table(lexicons / "plover" / "CAMEO2PLOVER-2021.txt"))
    write_json(out, "agents.json", agents(lexicons / "petrarch2" / "Phoenix.agents.txt"))
    write_json(out, "discards.json", discards(lexicons / "petrarch2" / "Phoenix.discards.txt"))
    groups = armed_groups(lexicons / "petrarch2" / "Phoenix.MilNonState.actors.txt",
                          _country_codes(), _curated_names())
    (out / "armed_groups.jsonl").write_text(
        "".join(json.dumps(g, ensure_ascii=False) + "\n" for g in groups), encoding="utf-8")
    patterns = sum(len(b["patterns"]) for b in blocks)
    verbs = sum(len(b["verbs"]) for b in blocks)
    return f"{len(blocks)} blocks, {verbs} verbs, {patterns} patterns, {len(synsets)} synsets"


OUTPUTS = ("cameo_verbs.jsonl", "cameo_synsets.json", "cameo_plover.json", "agents.json",
           "discards.json", "armed_groups.jsonl")


def _curated_names() -> set[str]:
    """Names our hand-kept gazetteer of groups already gives (it wins over 2013's)."""
    path = REPO / "src" / "dyadscope" / "data" / "gazetteers" / "armed_groups.jsonl"
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
               if line.strip()]
    return {n.lower() for r in records for n in [r["name"], *r.get("aliases", [])]}


def _country_codes() -> set[str]:
    path = REPO / "src" / "dyadscope" / "data" / "gazetteers" / "countries.jsonl"
    return {json.loads(line)["alpha3"] for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    print(build(args.shared / "lexicons", args.out))


if __name__ == "__main__":
    main()
