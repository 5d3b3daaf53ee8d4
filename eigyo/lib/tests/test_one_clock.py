"""One clock: no module reads the real clock except eigyo/core/clock.py.

auto_now / auto_now_add, timezone.now(), datetime.now(), date.today() and the
argument-less timezone.localdate() / localtime() all read the real clock, so a
pinned or travelled clock and what the product stores would disagree (a row
"created" after today, an instruction issued in the future).
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parents[2]  # …/eigyo
ALLOWED = {Path("core/clock.py")}

# (object, attribute): reading any of these is reading the real clock.
REAL_CLOCK = {
    ("timezone", "now"),
    ("datetime", "now"),
    ("datetime", "utcnow"),
    ("datetime", "today"),
    ("date", "today"),
    ("time", "time"),
    ("time", "time_ns"),
}
# Called without an argument, these default to timezone.now().
NOW_BY_DEFAULT = {("timezone", "localdate"), ("timezone", "localtime")}


def _dotted(node: ast.AST) -> tuple[str, str] | None:
    """('timezone', 'now') for timezone.now and dt.timezone.now alike."""
    if isinstance(node, ast.Attribute):
        owner = node.value
        if isinstance(owner, ast.Name):
            return owner.id, node.attr
        if isinstance(owner, ast.Attribute):
            return owner.attr, node.attr
    return None


def real_clock_reads(source: str) -> list[str]:
    """'line: what' for every read of the real clock in the source."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.keyword) and node.arg in {"auto_now", "auto_now_add"}:
            found.append(f"{node.value.lineno}: {node.arg}")
        elif isinstance(node, ast.Call):
            name = _dotted(node.func)
            if name in NOW_BY_DEFAULT and not node.args and not node.keywords:
                found.append(f"{node.lineno}: {'.'.join(name)}()")
        if isinstance(node, ast.Attribute) and _dotted(node) in REAL_CLOCK:
            # A reference counts too: default=timezone.now reads the clock on save.
            found.append(f"{node.lineno}: {'.'.join(_dotted(node))}")
    return sorted(set(found), key=lambda s: int(s.split(":")[0]))


def checked_modules(root: Path = PACKAGE_ROOT) -> list[Path]:
    return sorted(
        p
        for p in root.rglob("*.py")
        if "migrations" not in p.relative_to(root).parts and p.relative_to(root) not in ALLOWED
    )


def test_no_module_reads_the_real_clock() -> None:
    modules = checked_modules()
    assert PACKAGE_ROOT / "followups" / "services.py" in modules  # the walk does find files
    assert PACKAGE_ROOT / "core" / "clock.py" not in modules
    offences = {}
    for path in modules:
        reads = real_clock_reads(path.read_text(encoding="utf-8"))
        if reads:
            offences[str(path.relative_to(PACKAGE_ROOT))] = reads
    assert offences == {}


def test_the_check_itself() -> None:
    source = "\n".join(
        [
            "import datetime as dt",  # 1
            "from django.utils import timezone",  # 2
            "a = timezone.now()",  # 3
            "b = dt.datetime.now()",  # 4
            "c = models.DateTimeField(auto_now=True)",  # 5
            "d = models.DateTimeField(auto_now_add=True)",  # 6
            "e = models.DateTimeField(default=timezone.now)",  # 7
            "f = dt.date.today()",  # 8
            "g = timezone.localdate()",  # 9
            "h = timezone.localdate(value)",  # 10: converts a given time, fine
            "i = clock.now()",  # 11: the one clock, fine
            "j = time.time()",  # 12
            "k = dt.datetime(2026, 1, 1).date()",  # 13: fine
        ]
    )
    assert real_clock_reads(source) == [
        "3: timezone.now",
        "4: datetime.now",
        "5: auto_now",
        "6: auto_now_add",
        "7: timezone.now",
        "8: date.today",
        "9: timezone.localdate()",
        "12: time.time",
    ]
