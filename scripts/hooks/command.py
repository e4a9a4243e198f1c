"""Build hook: remember which MkDocs command runs (see scripts/painsite/command.py)."""
import _path  # noqa: F401

from painsite import command as state


def on_startup(command: str, dirty: bool):
    state.remember(command, dirty)
