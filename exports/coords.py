"""The coordinate systems a land-bureau export may be written in (DOMAIN.md §4–5).

Land systems accept CGCS2000 only (国土资发〔2017〕30号). The default is EPSG:4526, CGCS2000 /
3-degree Gauss-Krüger zone 38, whose eastings carry the zone number in front
(113.38 E → 38 436 407 m), as the 界址点 TXT does; EPSG:4547 (same projection, central meridian
114 E, no zone prefix: the measuring CRS) and EPSG:4490 (CGCS2000 geographic, degrees) on request.
A registry, so an unknown code lists the known ones.
"""

from __future__ import annotations

from dataclasses import dataclass

from errors import UnknownKeyError

__all__ = ["DEFAULT_CRS", "EXPORT_CRS", "ExportCrs", "export_crs"]


@dataclass(frozen=True)
class ExportCrs:
    """One coordinate system an export may be written in."""

    code: str
    epsg: str
    label_zh: str
    label_en: str

    def label(self, lang: str = "zh") -> str:
        return self.label_zh if lang == "zh" else self.label_en


EXPORT_CRS: dict[str, ExportCrs] = {
    c.code: c
    for c in (
        ExportCrs(
            "4526",
            "EPSG:4526",
            "CGCS2000 3度带高斯-克吕格 第38带（带号前缀）",
            "CGCS2000 / 3-degree Gauss-Kruger zone 38 (zone prefix)",
        ),
        ExportCrs(
            "4547",
            "EPSG:4547",
            "CGCS2000 3度带高斯-克吕格 中央经线114°E",
            "CGCS2000 / 3-degree Gauss-Kruger CM 114E",
        ),
        ExportCrs("4490", "EPSG:4490", "CGCS2000 地理坐标（度）", "CGCS2000 geographic"),
    )
}

DEFAULT_CRS = "4526"


def export_crs(code: str | int) -> ExportCrs:
    """The export CRS for ``code`` ("4526", "EPSG:4526" or 4526); unknown codes list the known."""
    key = str(code).upper().removeprefix("EPSG:")
    if key not in EXPORT_CRS:
        raise UnknownKeyError("export CRS", str(code), list(EXPORT_CRS))
    return EXPORT_CRS[key]
