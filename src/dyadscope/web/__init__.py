"""`dyadscope serve`: the REST API and one web page over a read-only database."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from dyadscope.errors import DyadscopeError
from dyadscope.store.db import Store, is_url
from dyadscope.web.routes import router

STATIC = Path(__file__).resolve().parent / "static"


def create_app(db_path: Path | str) -> FastAPI:
    """The app over `db_path` (a SQLite file or a PostgreSQL URL); every request opens its
    own read-only connection."""
    db: Path | str = db_path if is_url(db_path) else Path(db_path)
    if isinstance(db, Path) and not db.is_file():
        raise DyadscopeError(str(db), "web", "no such database")
    Store(db, readonly=True).close()  # fails early, naming the file, if it is not ours
    app = FastAPI(title="dyadscope", summary="Sourced events between actors.")
    app.state.db = db
    app.include_router(router, prefix="/api")
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index() -> HTMLResponse:
        return HTMLResponse((STATIC / "index.html").read_text(encoding="utf-8"))

    return app
