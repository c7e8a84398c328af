"""The CJK font of the briefing: Noto Sans CJK from the system (Debian ``fonts-noto-cjk``).

The PDF embeds the glyphs it uses (a TrueType subset made from the .ttc, see
:func:`cjk_subset_font`, embedded by matplotlib as Type 42), so the
briefing prints the same on a machine without the font. When the font is missing the briefing is
refused with a message that says how to install it, rather than printed with empty boxes.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from errors import ParkPlanError

if TYPE_CHECKING:
    from fontTools.ttLib import TTFont

__all__ = [
    "BASE_CHARS",
    "CJK_FAMILY",
    "FONT_CANDIDATES",
    "cjk_font_path",
    "cjk_subset_font",
    "register_cjk_font",
]

log = logging.getLogger(__name__)

CJK_FAMILY = "Noto Sans CJK SC"
FONT_CANDIDATES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",  # Debian / Ubuntu fonts-noto-cjk
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",  # Arch, Fedora
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
)
# always present: ASCII, and the punctuation and symbols the briefing's own text uses
BASE_CHARS = "".join(chr(c) for c in range(0x20, 0x7F)) + "—–…·•≈≥≤²°％，。：；（）、“”《》〔〕−"
_REGISTERED: set[str] = set()
INSTALL_HINT = "install it with: apt-get install fonts-noto-cjk (run by scripts/run.sh and test.sh)"


def cjk_font_path() -> Path:
    """Path of the Noto Sans CJK regular font collection; ``PARKPLAN_CJK_FONT`` overrides."""
    override = os.environ.get("PARKPLAN_CJK_FONT")
    candidates = [override] if override else list(FONT_CANDIDATES)
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    fc_match = shutil.which("fc-match")
    if fc_match and not override:
        found = subprocess.run(
            [fc_match, "-f", "%{file}", f"{CJK_FAMILY}:style=Regular"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
        if "NotoSansCJK" in found and Path(found).is_file():
            return Path(found)
    where = override or ", ".join(FONT_CANDIDATES)
    raise ParkPlanError(
        f"the briefing needs the Noto Sans CJK font, not found at {where}; {INSTALL_HINT}"
    )


def register_cjk_font() -> str:
    """Register the full Noto Sans CJK collection with matplotlib (for layout); its family."""
    from matplotlib import font_manager

    path = cjk_font_path()
    if str(path) not in _REGISTERED:
        font_manager.fontManager.addfont(str(path))
        _REGISTERED.add(str(path))
    return CJK_FAMILY


def _sc_face(path: Path) -> int:
    """Index of the Simplified Chinese face inside the .ttc (a plain .ttf/.otf: 0)."""
    from fontTools.ttLib import TTCollection

    if path.suffix.lower() != ".ttc":
        return 0
    with TTCollection(str(path), lazy=True) as collection:
        for index, face in enumerate(collection.fonts):
            if face["name"].getDebugName(1) == CJK_FAMILY:
                return index
    raise ParkPlanError(f"{path} holds no {CJK_FAMILY!r} face; {INSTALL_HINT}")


def _to_truetype(font: TTFont) -> None:
    """Replace the CFF outlines by TrueType (quadratic) ones, in place (fontTools cu2qu)."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(None)
        glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyf[name] = pen.glyph()
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    del font["CFF "]
    maxp = font["maxp"]
    maxp.version = 0x00010000
    for attr in (
        "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
        "maxStackElements", "maxSizeOfInstructions", "maxComponentElements",
    ):  # fmt: skip
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    font["head"].glyphDataFormat = 0
    font["post"].formatType = 3.0
    font.sfntVersion = "\x00\x01\x00\x00"


def _rename(font: TTFont, family: str) -> None:
    postscript = family.replace(" ", "")
    for record in font["name"].names:
        if record.nameID in (1, 16):
            record.string = family
        elif record.nameID in (4, 17):
            record.string = f"{family} Regular" if record.nameID == 4 else "Regular"
        elif record.nameID == 6:
            record.string = postscript


def cjk_subset_font(text: str) -> str:
    """A TrueType subset of Noto Sans CJK SC holding the characters of ``text``; its family name.

    The subset is registered with matplotlib and cached by content in the temporary folder.
    Converting the few hundred glyphs to TrueType outlines makes matplotlib embed a conforming
    CIDFontType2 (embedding the CFF original yields a TrueType font descriptor around CFF data,
    which poppler reports as a font-type mismatch), and subsetting once here instead of inside
    matplotlib (once per font, per document) cuts a briefing from about 20 s to 2 s.
    """
    from matplotlib import font_manager

    chars = "".join(sorted(set(text) | set(BASE_CHARS)))
    source = cjk_font_path()
    digest = hashlib.sha256(f"{source}|{chars}".encode()).hexdigest()[:12]
    family = f"ParkPlan CJK {digest}"
    target = Path(tempfile.gettempdir()) / "parkplan-fonts" / f"ParkPlanCJK-{digest}.ttf"
    if not target.exists():
        _write_subset(source, chars, family, target)
    if str(target) not in _REGISTERED:
        font_manager.fontManager.addfont(str(target))
        _REGISTERED.add(str(target))
    log.info("CJK subset for the briefing: %s glyph characters from %s", len(chars), source.name)
    return family


def _write_subset(source: Path, chars: str, family: str, target: Path) -> None:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.layout_features = []
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "VORG", "vhea", "vmtx", "DSIG"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.hinting = False
    with TTFont(str(source), fontNumber=_sc_face(source)) as font:
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=chars)
        subsetter.subset(font)
        _to_truetype(font)
        _rename(font, family)
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(f".{os.getpid()}.tmp")
        font.save(str(partial))
    os.replace(partial, target)
