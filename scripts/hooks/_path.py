"""Lets the hooks import the shared code in scripts/painsite/ however MkDocs was started."""
import sys
from pathlib import Path

SCRIPTS = str(Path(__file__).resolve().parents[1])
if SCRIPTS not in sys.path:
    sys.path.insert(0, SCRIPTS)
