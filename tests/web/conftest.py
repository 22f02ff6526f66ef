"""A database of the bundled sample articles, shared by the web tests of a session."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from dyadscope import api
from dyadscope.web import create_app


@pytest.fixture(scope="session")
def samples_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`dyadscope demo`'s corpus: thirteen articles, dozens of events, some undated."""
    path = tmp_path_factory.mktemp("samples") / "samples.db"
    with resources.as_file(resources.files("dyadscope") / "data" / "samples") as folder:
        report = api.ingest([Path(folder)], path)
    assert not report.failures
    return path


@pytest.fixture(scope="session")
def samples_client(samples_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(samples_db)) as client:
        yield client
