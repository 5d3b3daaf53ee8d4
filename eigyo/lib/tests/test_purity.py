"""lib/ and domain modules stay pure: no Django import (checked on the syntax tree)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parents[2]  # …/eigyo


def is_pure_module(path: Path, root: Path = PACKAGE_ROOT) -> bool:
    """lib/ files, domain.py and domain/ packages, but not their tests."""
    parts = path.relative_to(root).parts
    if "tests" in parts:
        return False
    return "lib" in parts[:-1] or path.name == "domain.py" or "domain" in parts[:-1]


def django_imports(path: Path) -> list[str]:
    """'line: module' for every absolute import of django in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found += [f"{node.lineno}: {n}" for n in names if n.split(".")[0] == "django"]
    return found


def test_lib_and_domain_modules_do_not_import_django() -> None:
    modules = sorted(p for p in PACKAGE_ROOT.rglob("*.py") if is_pure_module(p))
    assert PACKAGE_ROOT / "lib" / "jp_text.py" in modules  # the walk does find files
    offences = {
        str(p.relative_to(PACKAGE_ROOT)): django_imports(p) for p in modules if django_imports(p)
    }
    assert offences == {}


def test_the_check_itself(tmp_path: Path) -> None:
    for rel in ["lib/x.py", "deals/domain.py", "deals/domain/rules.py"]:
        assert is_pure_module(tmp_path / rel, tmp_path)
    for rel in ["deals/models.py", "lib/tests/test_x.py", "deals/domain/tests/test_y.py"]:
        assert not is_pure_module(tmp_path / rel, tmp_path)
    bad = tmp_path / "domain.py"
    bad.write_text(
        "import os\nfrom django.db import models\nimport django, json\nfrom . import django\n",
        encoding="utf-8",
    )
    assert django_imports(bad) == ["2: django.db", "3: django"]
