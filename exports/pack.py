"""The decision pack: which parks, every file for the land bureau and the briefing, one manifest.

:func:`resolve_selection` turns a saved scenario name (or a list of park ids) into the parks to
export; :func:`export_product` writes one product (``gpkg``, ``shp``, ``xlsx``, ``csv``, ``txt``,
``pdf``) or the whole pack (``zip``). Every product gets a manifest JSON (scenario, parameters,
CRS, encoding, data version, time, SHA-256 and size of each file): beside a single file as
``<file>.manifest.json``, inside the zip as ``manifest.json``. :func:`verify_manifest` checks
the checksums again. The parcel list is checked (overlaps, invalid geometry) before any file is
written. The pack also holds the phase-out candidates of the chosen parks
(:mod:`exports.phase_out`), and a note naming the chosen parks that have no 三旧 parcel.
:func:`export_renewal_areas` writes chosen renewal areas (连片改造区) instead of parcels, in every
format but the briefing (:mod:`exports.renewal_list`; DKBH = the area's code), the zip with a
workbook of the areas' parcels, owners, firms and phase-out land.

Nothing is written onto the workspace or its sidecars (:func:`exports.atomic.workspace_files`),
and every file is written beside its target and renamed (:mod:`exports.atomic`): a failed export
leaves no partial file and the earlier file intact.
"""

from __future__ import annotations

import json
import logging
import tempfile
import zipfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from config import load_settings
from config.settings import Settings
from errors import ParkPlanError, Problem, UnknownKeyError, ValidationError
from exports.atomic import (
    ExportTargetError,
    atomic_path,
    atomic_write_text,
    publish,
    refuse_protected,
    workspace_files,
)
from exports.coords import DEFAULT_CRS, export_crs
from exports.encodings import text_encoding
from exports.formats import FORMATS, ExportContext
from exports.parcel_list import parcel_list
from exports.park_projects import write_park_projects
from exports.phase_out import write_phase_out
from exports.renewal_list import AREA_LABELS, chosen_areas, renewal_list
from exports.tables import Provenance, write_xlsx
from geo.checksum import sha256_file
from geo.renewal import renewal_areas
from geo.summary import latest_year
from scoring.screen.run import screen
from store.scenarios import Scenario, load_scenario
from store.workspace import Workspace

if TYPE_CHECKING:  # the briefing loads matplotlib: imported where a briefing is made
    from exports.briefing import Briefing

__all__ = [
    "DEFAULT_ENCODING",
    "NOTE_FILE",
    "PACK_FILES",
    "PRODUCTS",
    "RENEWAL_FILES",
    "RENEWAL_PRODUCTS",
    "Selection",
    "export_product",
    "export_renewal_areas",
    "pack_contents",
    "parks_without_parcels",
    "resolve_selection",
    "verify_manifest",
    "write_manifest",
]

log = logging.getLogger(__name__)

PRODUCTS = (*FORMATS, "pdf", "zip")
# per format when no encoding is asked for: Shapefile UTF-8 (its .cpg says so; current ArcGIS
# and QGIS read it), the TXT in GBK (the Windows land-submission tools read the ANSI code page)
DEFAULT_ENCODING = {"shp": "utf-8", "txt": "gbk"}
PACK_FILES = {
    "gpkg": "sanjiu_parcels.gpkg",
    "shp": "sanjiu_parcels_shp.zip",
    "xlsx": "sanjiu_parcels.xlsx",
    "csv": "sanjiu_parcels.csv",
    "txt": "jiezhidian_zone38.txt",
    "pdf": "briefing.pdf",
    "phase_out": "phase_out_firms.xlsx",  # in the zip only (exports.phase_out)
    "projects": "park_projects.xlsx",  # in the zip only (exports.park_projects)
}
# the renewal areas' files in a zip: the parcel-list formats, and the areas' full table
RENEWAL_FILES = {
    "gpkg": "renewal_areas.gpkg",
    "shp": "renewal_areas_shp.zip",
    "xlsx": "renewal_areas.xlsx",
    "csv": "renewal_areas.csv",
    "txt": "jiezhidian_renewal_zone38.txt",
    "table": "renewal_areas_detail.xlsx",
}
RENEWAL_PRODUCTS = (*FORMATS, "zip")  # a briefing is of chosen parks, not of areas
RENEWAL_LAYER = "renewal_areas"
RENEWAL_SHEET = "连片改造区"
NOTE_FILE = "说明_notes.txt"  # in the zip when a chosen park has no 三旧 parcel
Progress = Callable[[float, str], None]


@dataclass(frozen=True)
class Selection:
    """The parks to export, and the scenario they come from (``None`` for a plain list)."""

    parks: tuple[str, ...]
    scenario: Scenario | None = None

    @property
    def name(self) -> str:
        return self.scenario.name if self.scenario else ""


def resolve_selection(
    workspace: Workspace, *, scenario: str | None = None, parks: Sequence[str] | None = None
) -> Selection:
    """The selection named by exactly one of ``scenario`` (a saved name) or ``parks`` (ids)."""
    if (scenario is None) == (parks is None):
        problem = Problem("export", None, "selection", None, "give a scenario name or park ids")
        raise ValidationError([problem], source="export")
    if scenario is not None:
        saved = load_scenario(workspace, scenario)
        return Selection(tuple(saved.parks), saved)
    ids = tuple(dict.fromkeys(p.strip() for p in parks or [] if p.strip()))
    return Selection(ids)


def _provenance(workspace: Workspace, selection: Selection, what: str) -> Provenance:
    params = dict(selection.scenario.parameters) if selection.scenario else {}
    return Provenance(
        what=what,
        data_version=workspace.data_version(),
        scenario=selection.name,
        parameters={**params, "parks": list(selection.parks)},
        user=selection.scenario.user if selection.scenario else "",
    )


def write_manifest(
    path: Path, files: Sequence[Path], provenance: Provenance, **settings: object
) -> Path:
    """Write the manifest of ``files`` (names relative to ``path``'s folder) to ``path``."""
    record = {
        **asdict(provenance),
        **settings,
        "files": [
            {"name": f.name, "bytes": f.stat().st_size, "sha256": sha256_file(f)} for f in files
        ],
    }
    return atomic_write_text(path, json.dumps(record, ensure_ascii=False, indent=2, default=str))


def verify_manifest(path: str | Path) -> list[str]:
    """Names of the files listed in the manifest whose SHA-256 no longer matches (or missing)."""
    path = Path(path)
    record = json.loads(path.read_text("utf-8"))
    bad = []
    for item in record["files"]:
        target = path.parent / item["name"]
        if not target.is_file() or sha256_file(target) != item["sha256"]:
            bad.append(item["name"])
    return bad


def _briefing(
    workspace: Workspace, selection: Selection, listed: pd.DataFrame, prov: Provenance,
    scores: pd.DataFrame | None,
) -> Briefing:  # fmt: skip
    from exports.briefing import Briefing

    return Briefing(
        chosen=selection.parks, parks=workspace.read("parks"), towns=workspace.read("towns"),
        district=workspace.district(), enterprises=workspace.read("enterprises"),
        parcels=listed, provenance=prov, scores=scores,
    )  # fmt: skip


def export_product(
    workspace: Workspace,
    selection: Selection,
    product: str,
    out: str | Path,
    *,
    crs: str = DEFAULT_CRS,
    encoding: str | None = None,
    lang: str = "zh",
    scores: pd.DataFrame | None = None,
    on_progress: Progress | None = None,
) -> list[Path]:
    """Write ``product`` for ``selection`` to ``out``; return the files written (manifest last).

    Raises :class:`errors.ValidationError` (every problem of the parcel list, or text the chosen
    encoding cannot hold) before any file is written.
    """
    if product not in PRODUCTS:
        raise UnknownKeyError("export format", product, list(PRODUCTS))
    progress = on_progress or (lambda _f, _m: None)
    out = Path(out)
    manifest_name = "manifest.json" if product == "zip" else f"{out.name}.manifest.json"
    refuse_protected(
        [out, out.with_name(manifest_name), out.with_name(f"{out.name}.provenance.json")],
        workspace_files(workspace),
    )
    progress(0.05, "parcel list")
    listed = parcel_list(workspace.read("parks"), workspace.read("parcels"), selection.parks)
    empty = parks_without_parcels(selection.parks, listed)
    if product == "txt" and not len(listed):
        raise ValidationError(
            [Problem("export", None, "park_id", ",".join(empty), _NO_PARCELS)], source="txt"
        )
    prov = _provenance(workspace, selection, what=f"ParkPlan export: {product}")
    crs_entry = export_crs(crs)
    keys = list(PACK_FILES) if product == "zip" else [product]
    settings: dict[str, object] = {"crs": crs_entry.epsg, "lang": lang}
    settings["parks_without_parcels"] = empty
    with _os_errors(out), tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        written: list[Path] = []
        for i, key in enumerate(keys):
            progress(0.1 + 0.8 * i / len(keys), key)
            target = folder / (PACK_FILES[key] if product == "zip" else out.name)
            if key == "pdf":
                from exports.briefing import write_briefing

                brief = _briefing(workspace, selection, listed, prov, scores)
                written.append(write_briefing(target, brief, lang=lang))
                continue
            if key == "phase_out":
                firms = workspace.read("enterprises")
                written.append(write_phase_out(target, firms, selection.parks, provenance=prov))
                continue
            if key == "projects":
                projects = load_settings().projects
                today = date.today().isoformat()
                written.append(
                    write_park_projects(
                        target,
                        workspace,
                        selection.parks,
                        provenance=prov,
                        settings=projects,
                        as_of=today,
                    )
                )
                continue
            enc = text_encoding(encoding or DEFAULT_ENCODING.get(key, "utf-8"))
            settings[f"encoding_{key}"] = enc.codec
            ctx = ExportContext(prov, crs_entry, enc)
            written += FORMATS[key].write(listed, target, ctx)
        if product == "zip" and empty:
            written.append(atomic_write_text(folder / NOTE_FILE, _note(empty)))
        progress(0.92, "manifest")
        manifest = write_manifest(folder / manifest_name, written, prov, **settings)
        results = _deliver(product, out, [*written, manifest])
    progress(1.0, "done")
    log.info("exported %s parcels of %s parks as %s", f"{len(listed):,}", len(selection.parks), out)
    return results


@contextmanager
def _os_errors(out: Path) -> Iterator[None]:
    """An OS error while writing (a full temporary disk) as one line naming the export."""
    try:
        yield
    except OSError as exc:
        if isinstance(exc, ParkPlanError):
            raise
        raise ExportTargetError(f"cannot write {out}: {exc.strerror or exc}") from exc


_NO_PARCELS = "no 三旧 parcel overlaps these parks (园区内没有三旧地块): choose parks with parcels"


def parks_without_parcels(parks: Sequence[str], listed: pd.DataFrame) -> list[str]:
    """The chosen parks that no listed parcel overlaps, in the order chosen."""
    found = {p for ids in listed["park_ids"].astype(str) for p in ids.split(";")}
    return [p for p in parks if p not in found]


def _note(empty: Sequence[str]) -> str:
    names = "、".join(empty)
    return (
        f"以下园区内没有三旧地块，地块清单中不含这些园区：{names}\r\n"
        f"No 三旧 parcel overlaps these parks; the parcel list holds none of them: "
        f"{', '.join(empty)}\r\n"
    )


def pack_contents(path: str | Path) -> dict[str, bytes]:
    """The files of a zip pack by name (for download buttons)."""
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def _deliver(product: str, out: Path, files: list[Path]) -> list[Path]:
    """Move the written files to ``out`` (or zip them into it), each atomically."""
    if product == "zip":
        with atomic_path(out) as tmp, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
            for f in files:
                zf.write(f, arcname=f.name)
        return [out]
    targets = {(out if f.name == out.name else out.with_name(f.name)): f for f in files}
    return publish(targets)


def export_renewal_areas(
    workspace: Workspace,
    area_ids: Sequence[str],
    product: str,
    out: str | Path,
    *,
    settings: Settings | None = None,
    crs: str = DEFAULT_CRS,
    encoding: str | None = None,
) -> list[Path]:
    """Write the renewal areas ``area_ids`` of the workspace as ``product``; return the files
    written (manifest last).

    ``settings`` (default: :func:`config.load_settings`) give the gap (``[land]
    renewal_gap_m``) and the five-excess screen whose phase-out candidates of the latest survey
    year make each area's phase-out land.

    Raises :class:`errors.UnknownKeyError` for a product that cannot carry areas (``pdf``) or an
    unknown area id (listing the known ones), before any file is written.
    """
    if product not in RENEWAL_PRODUCTS:
        raise UnknownKeyError("renewal-area export format", product, list(RENEWAL_PRODUCTS))
    out = Path(out)
    manifest_name = "manifest.json" if product == "zip" else f"{out.name}.manifest.json"
    refuse_protected(
        [out, out.with_name(manifest_name), out.with_name(f"{out.name}.provenance.json")],
        workspace_files(workspace),
    )
    typed = settings or load_settings()
    firms = workspace.read("enterprises")
    candidates = screen(firms, config=typed).table
    areas = renewal_areas(
        workspace.read("parks"), workspace.read("parcels"), firms,
        gap_m=typed.land.renewal_gap_m, year=latest_year(firms),
        phase_out=set(candidates.loc[candidates["phase_out"].astype(bool), "uscc"].astype(str)),
    )  # fmt: skip
    listed = renewal_list(areas, area_ids)
    ids = list(listed["parcel_id"])
    prov = Provenance(
        what=f"ParkPlan export: renewal areas ({product})",
        data_version=workspace.data_version(),
        parameters={"renewal_areas": ids, "renewal_gap_m": areas.gap_m, "year": areas.year},
    )
    crs_entry = export_crs(crs)
    keys = list(RENEWAL_FILES) if product == "zip" else [product]
    recorded: dict[str, object] = {"crs": crs_entry.epsg, "renewal_gap_m": areas.gap_m}
    with _os_errors(out), tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        written: list[Path] = []
        for key in keys:
            target = folder / (RENEWAL_FILES[key] if product == "zip" else out.name)
            if key == "table":
                sheet = {RENEWAL_SHEET: chosen_areas(areas, ids)}
                write_xlsx(sheet, target, provenance=prov, labels=AREA_LABELS)
                written.append(target)
                continue
            enc = text_encoding(encoding or DEFAULT_ENCODING.get(key, "utf-8"))
            recorded[f"encoding_{key}"] = enc.codec
            ctx = ExportContext(prov, crs_entry, enc, layer=RENEWAL_LAYER, sheet=RENEWAL_SHEET)
            written += FORMATS[key].write(listed, target, ctx)
        manifest = write_manifest(folder / manifest_name, written, prov, **recorded)
        results = _deliver(product, out, [*written, manifest])
    log.info("exported %s renewal areas as %s", len(ids), out)
    return results
