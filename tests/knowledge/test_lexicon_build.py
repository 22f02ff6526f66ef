"""The converted lexicons are what scripts/build_lexicons.py makes of ../shared/lexicons."""

from __future__ import annotations

import importlib.util
from importlib import resources
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "build_lexicons.py"


def build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_lexicons", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_packaged_lexicons_are_the_scripts_output(shared_dir: Path, tmp_path: Path) -> None:
    lexicons = shared_dir / "lexicons"
    if not (lexicons / "petrarch2" / "CAMEO.2.0.txt").is_file():
        pytest.skip(f"{lexicons} not present")
    script = build_script()
    summary = script.build(lexicons, tmp_path)
    assert "4642 patterns" in summary
    packaged = resources.files("dyadscope") / "data" / "lexicons"
    for name in script.OUTPUTS:
        assert (tmp_path / name).read_bytes() == packaged.joinpath(name).read_bytes(), name


def test_a_pattern_line_reads_into_its_parts() -> None:
    script = build_script()
    pattern = script.parse_pattern("- * {ARMS SHIPMENT} (TO +)  [072:072]  # SEND")
    assert pattern["objects"] == [["arms", "shipment"]]
    assert pattern["preps"] == [{"prep": ["to"], "terms": []}]
    assert (pattern["target"], pattern["code"], pattern["reverse"]) == (["to"], "072", "072")
    verbs = script.parse_verb_line("+MEET_WITH {+MET_WITH +MEETS_WITH} [040]")
    assert verbs[0]["lemma"] == "meet" and verbs[0]["after"] == ["with"]
    assert "met" in verbs[0]["forms"] and verbs[0]["code"] == "040"


def test_armed_groups_keep_country_groups_and_drop_people_and_common_words(
        tmp_path: Path) -> None:
    script = build_script()
    text = (
        "HAMAS_  # comment\n+ISLAMIC_RESISTANCE_MOVEMENT\n+KHALED_MESHAAL\n\t[PSEREBHMS]\n"
        "SHEIKH_AHMED_YASSIN\n+AHMED_YASSIN\n\t[PSEREBHMS 19870101-20040322]\n"
        "LASHKAR-E-TAIBA_(LET)_ [SASREB]\nYOUTH_ [FRAREB]\nPKK [TURREB]\n"
    )
    path = tmp_path / "groups.txt"
    path.write_text(text, encoding="latin-1")
    groups = {g["name"]: g for g in script.armed_groups(path, {"PSE", "FRA", "TUR"}, set())}
    assert set(groups) == {"Hamas", "PKK"}
    assert groups["Hamas"]["country"] == "PSE"
    assert "Islamic Resistance Movement" in groups["Hamas"]["aliases"]
    assert not [a for a in groups["Hamas"]["aliases"] if "Meshaal" in a]
