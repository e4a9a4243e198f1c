"""Which MkDocs command this process runs, for the hooks that behave differently while serving.

scripts/hooks/command.py records it at start-up. Under `mkdocs serve` the site is a preview:
files that only matter once deployed (security headers, offline zips) are not made, and with
`--dirty` (used by `make serve`) only the pages edited since the last build are rendered again.
"""
from __future__ import annotations

_state = {"command": "build", "dirty": False}


def remember(command: str, dirty: bool) -> None:
    _state.update(command=command, dirty=dirty)


def serving() -> bool:
    return _state["command"] == "serve"


def dirty() -> bool:
    return bool(_state["dirty"])
