"""The house's plan, read from the source: every library module states its public names
(``__all__``), imports across packages use only those names, and no import runs against the
layering (config ← geo ← scoring ← store ← exports; layers draws from geo; only ui, app_pages
and app.py touch Streamlit)."""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# library packages: every module states __all__
LIBRARY = ("config", "geo", "scoring", "store", "exports", "layers", "ui")
# what each logic package may import from the project (besides itself and errors.py)
ALLOWED = {
    "config": set(),
    "geo": {"config"},
    "scoring": {"config", "geo"},
    "store": {"config", "geo", "scoring"},
    "exports": {"config", "geo", "scoring", "store"},
    "layers": {"config", "geo"},
}
PROJECT = {
    "config",
    "geo",
    "scoring",
    "store",
    "exports",
    "layers",
    "ui",
    "app_pages",
    "commands",
    "benchmarks",
    "errors",
    "cli",
    "app",
}


def _modules() -> dict[str, Path]:
    out: dict[str, Path] = {}
    for path in ROOT.rglob("*.py"):
        rel = path.relative_to(ROOT)
        if rel.parts[0] in {".venv", "tests", "data", "scripts", "static"} or rel.parts[0] not in (
            PROJECT | {"app.py", "cli.py", "errors.py"}
        ):
            continue
        name = ".".join(rel.with_suffix("").parts)
        out[name.removesuffix(".__init__")] = path
    return out


MODULES = _modules()


@cache
def _tree(module: str) -> ast.Module:
    return ast.parse(MODULES[module].read_text(encoding="utf-8"))


@cache
def _all(module: str) -> frozenset[str] | None:
    for node in _tree(module).body:
        target = node.targets[0] if isinstance(node, ast.Assign) else getattr(node, "target", None)
        if isinstance(target, ast.Name) and target.id == "__all__":
            assert isinstance(node, ast.Assign | ast.AnnAssign)
            assert node.value is not None
            return frozenset(ast.literal_eval(node.value))
    return None


def _imports(module: str) -> list[tuple[str, str | None, int]]:
    """(imported module, name or None, line) of every absolute import in ``module``."""
    out: list[tuple[str, str | None, int]] = []
    for node in ast.walk(_tree(module)):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out += [(node.module, a.name, node.lineno) for a in node.names]
        elif isinstance(node, ast.Import):
            out += [(a.name, None, node.lineno) for a in node.names]
    return out


def test_the_scan_sees_the_project():
    seen = {"geo.summary", "store.workspace", "scoring.parks.pipeline", "ui.map_view", "errors"}
    assert seen <= set(MODULES)


@pytest.mark.parametrize("package", LIBRARY)
def test_every_library_module_states_its_public_names(package):
    missing = [m for m in MODULES if m.split(".")[0] == package and _all(m) is None]
    assert not missing, f"modules without __all__: {missing}"


# packages whose __init__ lists its modules (ui.map_view is the map page's one namespace: it
# states the names it gathers from its modules instead)
PACKAGES = sorted(
    m
    for m, path in MODULES.items()
    if path.name == "__init__.py"
    and m.split(".")[0] in LIBRARY
    and m not in {"config", "layers"}
    and m != "ui.map_view"
)


def test_the_subpackages_by_concern_exist():
    assert {
        "scoring.screen",
        "scoring.parks",
        "scoring.targets",
        "ui.screen",
        "ui.retrofit",
    } <= set(PACKAGES)


@pytest.mark.parametrize("package", PACKAGES)
def test_a_package_lists_each_of_its_modules(package):
    depth = package.count(".") + 1
    modules = {
        m.split(".")[depth]
        for m in MODULES
        if m.startswith(package + ".") and m.count(".") == depth
    }
    assert _all(package) == frozenset(modules), (
        "the package's __init__ lists its modules in __all__ (and its docstring says what each is)"
    )


def test_imports_across_packages_use_public_names():
    wrong = []
    for module in MODULES:
        for source, name, line in _imports(module):
            same_package = source.split(".")[0] == module.split(".")[0]
            if name is None or source not in MODULES or same_package:
                continue
            public = _all(source)
            if public is not None and name not in public and f"{source}.{name}" not in MODULES:
                wrong.append(f"{MODULES[module].relative_to(ROOT)}:{line} {source}.{name}")
    assert not wrong, "names imported that their module does not state in __all__:\n" + "\n".join(
        wrong
    )


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_no_import_against_the_layering(package):
    wrong = []
    for module in (m for m in MODULES if m.split(".")[0] == package):
        for source, _name, line in _imports(module):
            top = source.split(".")[0]
            if top == "streamlit" or (
                top in PROJECT and top not in {package, "errors"} | ALLOWED[package]
            ):
                wrong.append(f"{MODULES[module].relative_to(ROOT)}:{line} imports {source}")
    assert not wrong, "\n".join(wrong)
