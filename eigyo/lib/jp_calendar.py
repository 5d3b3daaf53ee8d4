"""Japanese calendar: era (和暦) dates and fiscal years (年度).

Pure module (stdlib only). Business days and holidays come later.
"""

from __future__ import annotations

from datetime import date

__all__ = ["ERAS", "fiscal_year", "fiscal_year_label", "to_wareki", "wareki_year"]

# (first day, era name), newest first. Era years count from the calendar year
# the era began, so year 1 (元年) is the partial year up to 31 December.
ERAS: tuple[tuple[date, str], ...] = (
    (date(2019, 5, 1), "令和"),
    (date(1989, 1, 8), "平成"),
    (date(1926, 12, 25), "昭和"),
    (date(1912, 7, 30), "大正"),
    (date(1868, 10, 23), "明治"),
)
# Japan used the lunisolar calendar until 明治5年; a Gregorian date before this
# has no simple 和暦 month and day.
EARLIEST = date(1873, 1, 1)


def wareki_year(d: date) -> tuple[str, int]:
    """(era name, year in the era) of d: date(2026, 11, 23) → ("令和", 8)."""
    if d < EARLIEST:
        raise ValueError(f"和暦 conversion supports dates from {EARLIEST.isoformat()}")
    for start, name in ERAS:
        if d >= start:
            return name, d.year - start.year + 1
    raise AssertionError("unreachable: EARLIEST is within the oldest era")


def to_wareki(d: date) -> str:
    """d as a Japanese era date: "令和8年11月23日"; the first year is written 元年."""
    era, year = wareki_year(d)
    year_text = "元" if year == 1 else str(year)
    return f"{era}{year_text}年{d.month}月{d.day}日"


def fiscal_year(d: date, start_month: int = 4) -> int:
    """The fiscal year containing d, named by the calendar year it starts in.

    Japanese default April–March: date(2027, 3, 31) → 2026, date(2027, 4, 1) → 2027.
    """
    if not 1 <= start_month <= 12:
        raise ValueError("start_month must be 1–12")
    return d.year if d.month >= start_month else d.year - 1


def fiscal_year_label(fy: int) -> str:
    """Display label of a fiscal year: 2026 → "2026年度"."""
    return f"{fy}年度"
