#!/usr/bin/env python3
"""Cut Noto Nastaliq Urdu down to the characters Urdu pages use, as woff2, for docs/assets/fonts/.

    python scripts/make_urdu_font.py          # rewrite the font and its @font-face url in site.css
    python scripts/make_urdu_font.py --check  # exit 1 if a character on an Urdu page is missing

The full font (570 KB) comes from Debian's fonts-noto-core, which `make test` installs. The cut-down
font is committed with its licence, so `make serve` needs Python alone. It keeps every Urdu letter,
whether pages use it today or not, plus the Arabic-script marks the pages use, so that new text
rarely needs a new font; tests/test_urdu_font.py fails, naming the characters, when one does.
The file name carries a hash of its bytes, so nginx can let browsers keep it for a year.
"""
import hashlib
import re
import sys
from pathlib import Path

from painsite.paths import DOCS, ROOT

SOURCE = Path("/usr/share/fonts/truetype/noto/NotoNastaliqUrdu-Regular.ttf")
FONTS = DOCS / "assets" / "fonts"
CSS = DOCS / "assets" / "site.css"
NAME = "noto-nastaliq-urdu"
# The Urdu alphabet (with its hamza and yeh forms), Urdu punctuation and the joiners.
ALPHABET = ("آ ا ب پ ت ٹ ث ج چ ح خ د ڈ ذ ر ڑ ز ژ س ش ص ض ط ظ ع غ ف ق ک گ ل م ن ں و ہ ھ ء ی ے ئ ؤ ۂ ۓ ة "
            "، ؛ ؟ ۔ ٪ ٫ ٬ « » \u200c \u200d \u064b \u064e \u064f \u0650 \u0651 \u0652 \u0670").split()
# Characters the Nastaliq face draws; Latin letters and digits are left to the system font,
# which reads better at small sizes (the @font-face unicode-range says the same).
UNICODE_RANGE = "U+0600-06FF, U+200C-200D, U+FD3E-FD3F, U+00AB, U+00BB"


def in_range(char: str) -> bool:
    code = ord(char)
    return 0x0600 <= code <= 0x06FF or code in (0x200C, 0x200D, 0xFD3E, 0xFD3F, 0xAB, 0xBB)


def used_characters() -> set[str]:
    text = "".join(p.read_text(encoding="utf-8") for p in sorted((DOCS / "ur").rglob("*.md")))
    text += (DOCS / "includes" / "glossary-ur.md").read_text(encoding="utf-8")
    text += (ROOT / "mkdocs.yml").read_text(encoding="utf-8")  # the Urdu interface words
    for extra in sorted((ROOT / "services").glob("*.yml")):
        text += extra.read_text(encoding="utf-8")
    return {c for c in text if in_range(c)}


def current_font() -> Path | None:
    found = sorted(FONTS.glob(f"{NAME}.*.woff2"))
    return found[0] if found else None


def missing_from(font: Path, chars: set[str]) -> list[str]:
    from fontTools.ttLib import TTFont
    cmap = TTFont(font).getBestCmap()
    return sorted(c for c in chars if ord(c) not in cmap and c not in "\u200c\u200d")


def make() -> Path:
    from fontTools import subset
    if not SOURCE.exists():
        sys.exit(f"{SOURCE} is missing: install Debian's fonts-noto-core (make system-deps).")
    chars = used_characters() | set(ALPHABET)
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]  # Nastaliq needs its contextual forms and mark positioning
    options.name_IDs = ["*"]         # keep the copyright and licence records
    options.notdef_outline = True
    # TrueType hinting: phones ignore it and it costs 16 KB (103 KB to 87 KB for the same text).
    options.hinting = False
    font = subset.load_font(str(SOURCE), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in chars])
    subsetter.subset(font)
    tmp = FONTS / f"{NAME}.tmp.woff2"
    subset.save_font(font, str(tmp), options)
    digest = hashlib.sha256(tmp.read_bytes()).hexdigest()[:8]
    target = FONTS / f"{NAME}.{digest}.woff2"
    for old in FONTS.glob(f"{NAME}.*.woff2"):
        if old != tmp:
            old.unlink()
    tmp.rename(target)
    css = CSS.read_text(encoding="utf-8")
    new_css = re.sub(rf"fonts/{NAME}\.[0-9a-f]{{8}}\.woff2", f"fonts/{target.name}", css)
    CSS.write_text(new_css, encoding="utf-8")
    return target


def main(argv: list[str]) -> int:
    if argv == ["--check"]:
        font = current_font()
        if font is None:
            print(f"No {NAME}.*.woff2 in {FONTS}: run python scripts/make_urdu_font.py", file=sys.stderr)
            return 1
        missing = missing_from(font, used_characters())
        if missing:
            print(f"{font.name} lacks {' '.join(missing)} (used on Urdu pages): run "
                  "python scripts/make_urdu_font.py", file=sys.stderr)
            return 1
        print(f"{font.name}: {font.stat().st_size / 1024:.1f} KB, covers every Urdu character used")
        return 0
    target = make()
    print(f"Wrote {target.relative_to(ROOT)} ({target.stat().st_size / 1024:.1f} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
