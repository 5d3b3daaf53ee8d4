"""One write path: pages, API handlers, feeds and commands do not write to the database
themselves; they call the app's service (one function per operation, with `by=`).

Checked on the syntax tree of every handler module (views, api, feed and management
commands): no `.save()` (a `commit=False` save only builds the object), no `.delete()`
of an object or a queryset, no `.create()`, `.update()`, `get_or_create()`,
`update_or_create()`, `bulk_create()` or `bulk_update()` on a manager or queryset."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parents[2]  # …/eigyo
QUERY_WRITES = {
    "create",
    "update",
    "delete",
    "get_or_create",
    "update_or_create",
    "bulk_create",
    "bulk_update",
}
# Commands that are themselves the write of a whole pipeline, with its own service
# module (registry loads, the demo builder), or the outbox worker.
EXEMPT_COMMANDS = {"registry", "demo", "remind"}


def is_handler(path: Path, root: Path = PACKAGE_ROOT) -> bool:
    parts = path.relative_to(root).parts
    if "tests" in parts or "migrations" in parts or len(parts) < 2:
        return False
    if "commands" in parts:
        return path.stem not in EXEMPT_COMMANDS and not path.stem.startswith("_")
    name = path.stem
    return name in {"views", "api", "feed"} or name.endswith(("_views", "_api"))


def _is_queryset(node: ast.AST) -> bool:
    """`X.objects…`, `x.related.all()` or any call chain ending in a queryset method."""
    text = ast.unparse(node)
    return ".objects" in text or isinstance(node, ast.Call)


def writes(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        name, receiver = node.func.attr, node.func.value
        if name == "save":
            if not any(
                k.arg == "commit" and isinstance(k.value, ast.Constant) and k.value.value is False
                for k in node.keywords
            ):
                found.append(f"{node.lineno}: {ast.unparse(node.func)}()")
        elif name == "delete" and not node.args and not node.keywords:
            found.append(f"{node.lineno}: {ast.unparse(node.func)}()")  # obj or queryset
        elif name in QUERY_WRITES and _is_queryset(receiver):
            found.append(f"{node.lineno}: {ast.unparse(node.func)}()")
    return sorted(found, key=lambda line: int(line.split(":")[0]))


def test_handlers_write_through_services() -> None:
    handlers = [p for p in sorted(PACKAGE_ROOT.rglob("*.py")) if is_handler(p)]
    assert len(handlers) > 30  # the walk finds them
    offences = {str(p.relative_to(PACKAGE_ROOT)): writes(p) for p in handlers}
    assert {k: v for k, v in offences.items() if v} == {}


def test_the_check_itself(tmp_path: Path) -> None:
    views = tmp_path / "deals" / "views.py"
    views.parent.mkdir()
    views.write_text(
        "deal = form.save()\n"
        "draft = form.save(commit=False)\n"
        "deal.delete()\n"
        "Deal.objects.filter(pk=1).update(stage='won')\n"
        "data.update(extra)\n"
        "Promise.objects.create(deal=deal)\n"
        "@router.delete('/deals/{id}')\n"
        "def f(): ...\n"
        "deal.promises.all().delete()\n",
        encoding="utf-8",
    )
    assert writes(views) == [
        "1: form.save()",
        "3: deal.delete()",
        "4: Deal.objects.filter(pk=1).update()",
        "6: Promise.objects.create()",
        "9: deal.promises.all().delete()",
    ]
    assert is_handler(views, tmp_path)
    assert is_handler(tmp_path / "deals" / "management" / "commands" / "close.py", tmp_path)
    assert not is_handler(tmp_path / "deals" / "services.py", tmp_path)
    assert not is_handler(
        tmp_path / "registry" / "management" / "commands" / "registry.py", tmp_path
    )
    assert not is_handler(tmp_path / "deals" / "tests" / "test_views.py", tmp_path)
