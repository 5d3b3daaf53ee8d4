"""Pure tests for eigyo.lib.jp_calendar (no database)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eigyo.lib.jp_calendar import fiscal_year, fiscal_year_label, to_wareki, wareki_year


@pytest.mark.parametrize(
    ("d", "wareki"),
    [
        (date(2026, 11, 23), "令和8年11月23日"),
        (date(2019, 5, 1), "令和元年5月1日"),
        (date(2019, 12, 31), "令和元年12月31日"),
        (date(2020, 1, 1), "令和2年1月1日"),
        (date(2019, 4, 30), "平成31年4月30日"),
        (date(1989, 1, 8), "平成元年1月8日"),
        (date(1989, 1, 7), "昭和64年1月7日"),
        (date(1926, 12, 25), "昭和元年12月25日"),
        (date(1926, 12, 24), "大正15年12月24日"),
        (date(1912, 7, 30), "大正元年7月30日"),
        (date(1912, 7, 29), "明治45年7月29日"),
        (date(1873, 1, 1), "明治6年1月1日"),
    ],
)
def test_to_wareki(d: date, wareki: str) -> None:
    assert to_wareki(d) == wareki


def test_before_the_gregorian_calendar_is_refused() -> None:
    with pytest.raises(ValueError):
        to_wareki(date(1872, 12, 31))


@given(st.dates(min_value=date(1873, 1, 1), max_value=date(2200, 12, 31)))
def test_era_years_are_positive_and_consistent(d: date) -> None:
    era, year = wareki_year(d)
    assert year >= 1
    assert to_wareki(d).startswith(era)


@pytest.mark.parametrize(
    ("d", "start_month", "fy"),
    [
        (date(2027, 3, 31), 4, 2026),
        (date(2026, 4, 1), 4, 2026),
        (date(2026, 3, 31), 4, 2025),
        (date(2026, 1, 1), 4, 2025),
        (date(2026, 12, 31), 4, 2026),
        (date(2026, 12, 31), 1, 2026),
        (date(2026, 1, 1), 1, 2026),
        (date(2026, 9, 30), 10, 2025),
        (date(2026, 10, 1), 10, 2026),
    ],
)
def test_fiscal_year(d: date, start_month: int, fy: int) -> None:
    assert fiscal_year(d, start_month) == fy


def test_fiscal_year_defaults_to_april() -> None:
    assert fiscal_year(date(2027, 3, 31)) == 2026


@pytest.mark.parametrize("bad", [0, 13])
def test_fiscal_year_rejects_bad_start_month(bad: int) -> None:
    with pytest.raises(ValueError):
        fiscal_year(date(2026, 1, 1), bad)


def test_fiscal_year_label() -> None:
    assert fiscal_year_label(2026) == "2026年度"
