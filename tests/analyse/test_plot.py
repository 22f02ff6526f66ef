"""The dyad chart: a real PNG of a sensible size, also for a dyad without dated events."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from dyadscope import api
from dyadscope.analyse.plot import all_keys, filled
from dyadscope.errors import DyadscopeError

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == PNG_SIGNATURE
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.parametrize("by", ["year", "month"])
def test_plot_is_a_png_of_real_size(samples_db: Path, tmp_path: Path, by: str) -> None:
    dyad = api.dyad(samples_db, "Belarus", "Vietnam", by=by)
    path = api.plot_dyad(dyad, tmp_path / f"bv-{by}.png")
    width, height = png_size(path)
    assert width >= 600 and height >= 300
    assert path.stat().st_size > 10_000


def test_plot_of_a_dyad_without_dated_events(ingested_db: Path, tmp_path: Path) -> None:
    dyad = api.dyad(ingested_db, "Kazakhstan", "Vietnam")
    assert not dyad.periods
    assert png_size(api.plot_dyad(dyad, tmp_path / "empty.png"))[0] > 0


def test_plot_into_a_missing_folder_names_the_file(samples_db: Path, tmp_path: Path) -> None:
    dyad = api.dyad(samples_db, "Belarus", "Vietnam")
    target = tmp_path / "no" / "such" / "chart.png"
    with pytest.raises(DyadscopeError) as info:
        api.plot_dyad(dyad, target)
    assert str(target) in str(info.value)


def test_gaps_between_periods_are_filled() -> None:
    assert all_keys(["2016", "2019"], "year") == ["2016", "2017", "2018", "2019"]
    assert all_keys(["2023", "2023-11", "2024-02"], "month") == [
        "2023", "2023-11", "2023-12", "2024-01", "2024-02"]
    assert filled((), "year") == []
