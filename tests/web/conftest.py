"""A web client over the bundled sample articles (samples_db is in tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from dyadscope.web import create_app


@pytest.fixture(scope="session")
def samples_client(samples_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(samples_db)) as client:
        yield client
