"""The one error type the public API raises: it names the file and the problem."""

from __future__ import annotations


class DyadscopeError(Exception):
    def __init__(self, path: str | None, stage: str, reason: str) -> None:
        self.path = path
        self.stage = stage
        self.reason = reason
        where = f"{path}: " if path else ""
        super().__init__(f"{where}{reason} ({stage})")
