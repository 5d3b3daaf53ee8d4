"""Layers only point down: an app imports only apps below it in the documented order
(docs/architecture.md), and core imports no app at all. Checked on the syntax tree of
every module, lazy imports inside functions included; tests and migrations are exempt
(a test may drive any page, a migration is history)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parents[2]  # …/eigyo

# From the ground up; an app may import itself and any app before it.
ORDER = [
    "lib",
    "core",
    "accounts",
    "worktime",
    "registry",
    "companies",
    "contacts",
    "activities",
    "portfolio",
    "deals",
    "followups",
    "prospecting",
    "partners",
    "transfer",
    "audit",
    "agenda",
    "demo",
]
# Project modules that wire the apps together (URL map, API, CLI, settings) sit above all.
PROJECT = {"urls", "api", "cli", "settings", "wsgi", "asgi", "conftest", "__init__"}


def app_of(path: Path, root: Path = PACKAGE_ROOT) -> str | None:
    """The app a source file belongs to; None when it is exempt."""
    parts = path.relative_to(root).parts
    if "tests" in parts or "migrations" in parts:
        return None
    if len(parts) == 1:
        stem = path.stem
        return None if stem in PROJECT or stem.startswith("settings") else stem
    return parts[0]


def imported_apps(path: Path, root: Path = PACKAGE_ROOT) -> list[tuple[int, str]]:
    """(line, app) for every import of another `eigyo.<app>` in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = ".".join(("eigyo", *path.relative_to(root).parts[:-1]))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the file's package
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                modules = [".".join([*base, *([node.module] if node.module else [])])]
            else:
                modules = [node.module or ""]
        else:
            continue
        for module in modules:
            parts = module.split(".")
            if parts[0] == "eigyo" and len(parts) > 1:
                found.append((node.lineno, parts[1]))
    return found


def offences(root: Path = PACKAGE_ROOT) -> list[str]:
    rank = {app: i for i, app in enumerate(ORDER)}
    found = []
    for path in sorted(root.rglob("*.py")):
        app = app_of(path, root)
        if app is None:
            continue
        rel = path.relative_to(root)
        if app not in rank:
            found.append(f"{rel}: app {app!r} is not in the layer order")
            continue
        for line, target in imported_apps(path, root):
            if target == app:
                continue
            if target not in rank:
                if target not in PROJECT:
                    found.append(f"{rel}:{line}: imports unknown app {target!r}")
                else:
                    found.append(f"{rel}:{line}: imports the project module {target!r}")
            elif rank[target] > rank[app]:
                found.append(f"{rel}:{line}: {app} imports {target}, which is above it")
    return found


def test_every_app_is_in_the_order() -> None:
    apps = {p.parent.name for p in PACKAGE_ROOT.glob("*/__init__.py")}
    apps -= {"static", "templates", "locale"}
    assert apps - set(ORDER) == set(), "add new apps to ORDER and to docs/architecture.md"


def test_layers_only_point_down() -> None:
    assert any(app_of(p) == "agenda" for p in PACKAGE_ROOT.rglob("*.py"))  # the walk works
    assert offences() == []


def test_core_imports_no_app() -> None:
    for path in (PACKAGE_ROOT / "core").rglob("*.py"):
        if app_of(path) is None:
            continue
        apps = {a for _l, a in imported_apps(path)} - {"core", "lib"}
        assert apps == set(), f"{path.relative_to(PACKAGE_ROOT)} imports {apps}"


def test_the_check_itself(tmp_path: Path) -> None:
    def write(rel: str, text: str) -> None:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")

    write("core/views.py", "from eigyo.lib import jp_text\n")
    write("companies/views.py", "from eigyo.registry.models import Entity\n")
    write("registry/models.py", "def f():\n    from eigyo.companies.models import Company\n")
    write("portfolio/x.py", "import eigyo.agenda.feed\n")
    write("deals/tests/test_x.py", "from eigyo.demo import builder\n")
    write("deals/migrations/0001.py", "from eigyo.demo import builder\n")
    write("mystery/models.py", "")
    write("urls.py", "from eigyo.demo import builder\n")
    assert offences(tmp_path) == [
        "mystery/models.py: app 'mystery' is not in the layer order",
        "portfolio/x.py:1: portfolio imports agenda, which is above it",
        "registry/models.py:2: registry imports companies, which is above it",
    ]
    assert app_of(tmp_path / "deals/tests/test_x.py", tmp_path) is None
    assert app_of(tmp_path / "settings_test.py", tmp_path) is None
