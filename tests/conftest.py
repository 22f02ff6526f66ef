"""Shared fixtures: our own short articles, the CLI runner, export checks, ../shared."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner, Result

from dyadscope.cli import app
from tests.postgres import Cluster, binaries

REPO = Path(__file__).resolve().parents[1]
BACKENDS = ["sqlite", "postgresql"]

# Short articles written for these tests: a headline, a date line, a dateline,
# two countries whose ministers meet or sign, and the usual page furniture.
ARTICLES = {
    "minsk_defence_talks.txt": """\
Belarus and Vietnam hold defence talks in Minsk
March 3, 2025
- Politics
Share
MINSK, March 3 (Agency) - Belarusian Defence Minister Viktor Khrenin met Vietnamese \
Defence Minister Phan Van Giang in Minsk on Monday to discuss military education and training.

The two ministers signed a protocol on defence cooperation for the next three years, \
the Belarusian ministry said in a statement after the meeting.

Khrenin said Belarus was ready to help Vietnam train its officers at the Military \
Academy in Minsk.
Read more
- Belarus opens a new bridge over the Svislach
""",
    "hanoi_foreign_ministers.txt": """\
Vietnam and Belarus foreign ministers meet in Hanoi
June 12, 2024
Share
HANOI, June 12 (Agency) - Vietnamese Foreign Minister Bui Thanh Son held talks with \
Belarusian Foreign Minister Maxim Ryzhenkov in Hanoi on Wednesday.

Vietnam and Belarus agreed to expand trade in agricultural machinery and dairy products, \
the two ministers told reporters after the talks.

Ryzhenkov invited Bui Thanh Son to visit Minsk in the autumn.
Read more
- Politics
""",
    "astana_trade_agreement.txt": """\
Kazakhstan and Belarus sign trade agreement
October 7, 2023
- Economy
ASTANA, October 7 (Agency) - Belarusian Prime Minister Roman Golovchenko met Kazakh \
Prime Minister Alikhan Smailov in Astana on Saturday.

Belarus and Kazakhstan signed an agreement on industrial cooperation, and the two prime \
ministers discussed the supply of Belarusian tractors to Kazakhstan.

Golovchenko said the two countries would meet again in Minsk in the spring.
Share
Read more
""",
}


def write_articles(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The folder beside the checkout with seeds and gold files; skip when absent."""
    path = REPO.parent / "shared"
    if not path.is_dir():
        pytest.skip(f"{path} not present")
    return path


@pytest.fixture(scope="session")
def articles() -> dict[str, str]:
    """File name to text of our own articles, as `articles_dir` writes them."""
    return dict(ARTICLES)


@pytest.fixture
def articles_dir(tmp_path: Path) -> Path:
    return write_articles(tmp_path / "articles")


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(app, [str(a) for a in args])


@pytest.fixture(scope="session")
def cli() -> Callable[..., Result]:
    """Run `dyadscope ARGS...` in-process; stdout and stderr stay apart."""
    return invoke


@pytest.fixture(scope="session")
def postgres() -> Iterator[Cluster]:
    """A PostgreSQL server of the session's own (tests/postgres.py)."""
    folder = binaries()
    if folder is None:
        pytest.skip("PostgreSQL is not installed (.ci/run installs Debian's postgresql)")
    cluster = Cluster(folder)
    cluster.start()
    yield cluster
    cluster.stop()


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """Each store test runs on SQLite and on PostgreSQL."""
    return request.param


@pytest.fixture(scope="session")
def new_database(backend: str, request: pytest.FixtureRequest,
                 tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path | str]:
    """An empty database on this backend: a SQLite file, or a PostgreSQL URL."""
    def make(name: str) -> Path | str:
        if backend == "sqlite":
            return tmp_path_factory.mktemp(name) / f"{name}.db"
        return request.getfixturevalue("postgres").new_database()

    return make


@pytest.fixture(scope="session")
def ingested_db(tmp_path_factory: pytest.TempPathFactory,
                new_database: Callable[[str], Path | str]) -> Path | str:
    """Our three articles ingested once for the read-only tests of a session."""
    base = tmp_path_factory.mktemp("ingested")
    db = new_database("articles")
    result = invoke("ingest", write_articles(base / "articles"), "--db", db)
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture(scope="session")
def samples_db(new_database: Callable[[str], Path | str]) -> Path | str:
    """The bundled sample articles ingested once for the read-only tests of a session."""
    db = new_database("samples")
    with resources.as_file(resources.files("dyadscope") / "data" / "samples") as folder:
        result = invoke("ingest", folder, "--db", db)
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture(scope="session")
def export_schema() -> dict[str, Any]:
    path = resources.files("dyadscope") / "data" / "schema" / "export.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


def _offset_errors(export: dict[str, Any]) -> list[str]:
    texts = {d["id"]: d["text"] for d in export["documents"]}
    spans = [("mention", m) for m in export["mentions"]]
    spans += [(f"evidence of {e['id']}", v) for e in export["events"] for v in e["evidence"]]
    errors = []
    for what, span in spans:
        text = texts.get(span["document"])
        if text is None:
            errors.append(f"{what}: unknown document {span['document']}")
        elif text[span["start"] : span["end"]] != span["text"]:
            found = text[span["start"] : span["end"]]
            errors.append(f"{what} {span['start']}:{span['end']}: {found!r} != {span['text']!r}")
    return errors


@pytest.fixture(scope="session")
def check_export(export_schema: dict[str, Any]) -> Callable[[dict[str, Any]], None]:
    """Assert an export is schema-valid, its ids resolve and every offset is exact."""
    validator = jsonschema.Draft202012Validator(export_schema)

    def check(export: dict[str, Any]) -> None:
        problems = [
            f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in validator.iter_errors(export)
        ]
        assert not problems, "\n".join(problems[:20])
        entity_ids = {e["id"] for e in export["entities"]}
        dangling = [m for m in export["mentions"] if m["entity"] not in entity_ids]
        dangling += [
            e for e in export["events"]
            for key in ("source", "target") if e[key] is not None and e[key] not in entity_ids
        ]
        assert not dangling, dangling[:5]
        errors = _offset_errors(export)
        assert not errors, "\n".join(errors[:20])

    return check


@pytest.fixture(scope="session")
def export_db(cli: Callable[..., Result]) -> Callable[[Path], dict[str, Any]]:
    """`dyadscope export --db DB --format json` parsed."""

    def export(db: Path) -> dict[str, Any]:
        result = cli("export", "--db", db, "--format", "json")
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    return export
