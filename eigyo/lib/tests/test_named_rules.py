"""Roles are checked by named rules only: outside the access modules no code compares a
role, reads `access.role()` or the role sets, and no template looks at `membership.role`.
(Checked on the syntax tree; tests, migrations and the demo builder are exempt.)"""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parents[2]  # …/eigyo
ROLE_NAMES = {"admin", "manager", "rep", "partner", "marketing"}
ROLE_SETS = {"SALES_ROLES", "INTERNAL_ROLES", "LEADER_ROLES"}
QUERIES = {"filter", "exclude", "get", "Q"}
TEMPLATE_ROLE = re.compile(r"\brole\s*(==|!=|\bin\b|\bnot in\b)|\.role\b(?!_display)")


def exempt(path: Path, root: Path = PACKAGE_ROOT) -> bool:
    parts = path.relative_to(root).parts
    return (
        "tests" in parts
        or "migrations" in parts
        or parts[0] == "demo"
        or path.name == "access.py"
        or path.name == "conftest.py"
        or parts == ("accounts", "models.py")  # where roles are defined (and constrained)
    )


def _is_role(node: ast.AST) -> bool:
    """`Role.ADMIN` or the string "admin"."""
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        return node.value.id == "Role"
    return isinstance(node, ast.Constant) and node.value in ROLE_NAMES


def _mentions_role(node: ast.AST) -> bool:
    if _is_role(node):
        return True
    if isinstance(node, (ast.Set, ast.List, ast.Tuple)):
        return any(_is_role(e) for e in node.elts)
    return False


def role_checks(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            roles = [s for s in sides if _mentions_role(s)]
            # A role compared with something that is a role attribute (`m.role`, `role`).
            if roles and any(
                (isinstance(s, ast.Attribute) and s.attr == "role")
                or (isinstance(s, ast.Name) and s.id == "role")
                or (isinstance(s, ast.Call) and getattr(s.func, "attr", "") == "role")
                for s in sides
            ):
                found.append(f"{node.lineno}: compares a role")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr == "role" and getattr(node.func.value, "id", "") == "access":
                found.append(f"{node.lineno}: access.role()")
        elif isinstance(node, ast.Attribute) and node.attr in ROLE_SETS:
            found.append(f"{node.lineno}: {node.attr}")
        if isinstance(node, ast.Call) and getattr(node.func, "attr", "") in QUERIES:
            if any(
                k.arg in {"role", "role__in"} and _mentions_role(k.value) for k in node.keywords
            ):
                found.append(f"{node.lineno}: filters by role")
    return sorted(found, key=lambda line: int(line.split(":")[0]))


def test_python_checks_roles_by_named_rules_only() -> None:
    modules = [p for p in sorted(PACKAGE_ROOT.rglob("*.py")) if not exempt(p)]
    assert len(modules) > 100  # the walk finds the code
    offences = {str(p.relative_to(PACKAGE_ROOT)): role_checks(p) for p in modules}
    assert {k: v for k, v in offences.items() if v} == {}


def test_templates_check_roles_by_named_rules_only() -> None:
    templates = sorted((PACKAGE_ROOT / "templates").rglob("*.html"))
    assert len(templates) > 50
    offences = [
        f"{t.relative_to(PACKAGE_ROOT)}:{i}"
        for t in templates
        for i, line in enumerate(t.read_text(encoding="utf-8").splitlines(), 1)
        if TEMPLATE_ROLE.search(line)
    ]
    assert offences == []


def test_the_check_itself(tmp_path: Path) -> None:
    sample = tmp_path / "views.py"
    sample.write_text(
        "ok = stakeholder.role == 'decision_maker'\n"
        "a = access.role(user) in {'admin', 'manager'}\n"
        "b = m.role == Role.PARTNER\n"
        "c = access.SALES_ROLES\n"
        "d = Membership.objects.filter(role__in=['manager', 'admin'])\n"
        "e = role != 'marketing'\n",
        encoding="utf-8",
    )
    assert role_checks(sample) == [
        "2: compares a role",
        "2: access.role()",
        "3: compares a role",
        "4: SALES_ROLES",
        "5: filters by role",
        "6: compares a role",
    ]
    assert TEMPLATE_ROLE.search('{% if membership.role == "admin" %}')
    assert not TEMPLATE_ROLE.search("{{ membership.get_role_display }}")
    assert exempt(tmp_path / "deals" / "access.py", tmp_path)
    assert exempt(tmp_path / "demo" / "sales.py", tmp_path)
    assert not exempt(sample, tmp_path)
