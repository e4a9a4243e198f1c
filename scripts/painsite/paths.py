"""Where things live. Everything is relative to the repository root."""
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
INCLUDES = DOCS / "includes"
SCHEMA = Path(__file__).with_name("page.schema.json")
MKDOCS_YML = ROOT / "mkdocs.yml"
SITE = ROOT / "site"
REPORTS = ROOT / "reports"
