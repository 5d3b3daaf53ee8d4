"""Pure tests for eigyo.lib.corporate_number (no database).

Real numbers come from the EDINET code list shipped in japan_finance_codes.
"""

from __future__ import annotations

import gzip
import json
import random
from functools import cache
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.jp import cn as stdnum_cn

from eigyo.lib.corporate_number import (
    InvalidCorporateNumber,
    check_digit,
    clean,
    format_number,
    is_valid,
    validate,
)


@cache
def edinet_numbers() -> list[str]:
    blob = resources.files("japan_finance_codes").joinpath("_data/company_registry.json.gz")
    companies = json.loads(gzip.decompress(blob.read_bytes()))["companies"]
    return [c["corporate_number"] for c in companies if c.get("corporate_number")]


def test_every_edinet_corporate_number_is_valid() -> None:
    numbers = edinet_numbers()
    assert len(numbers) > 7000  # the 2026-03 snapshot has 7,145
    assert [n for n in numbers if not is_valid(n)] == []


def test_single_digit_changes_are_caught_except_0_9_swaps() -> None:
    # The check is Σ mod 9, so 0 ↔ 9 in the twelve body digits (weight 1 or 2,
    # a change of 9 or 18) leaves the sum mod 9 unchanged: the scheme cannot see
    # it. Every other single-digit change is caught.
    sample = random.Random(20260323).sample(edinet_numbers(), 200)
    for number in sample:
        for pos in range(13):
            for digit in "0123456789":
                if digit == number[pos]:
                    continue
                changed = number[:pos] + digit + number[pos + 1 :]
                undetectable = pos > 0 and {digit, number[pos]} == {"0", "9"}
                assert is_valid(changed) is undetectable, (number, changed)


def test_check_digit_matches_stdnum_on_real_numbers() -> None:
    for number in edinet_numbers():
        assert check_digit(number[1:]) == stdnum_cn.calc_check_digit(number[1:]) == number[0]


@given(st.text(alphabet="0123456789", min_size=12, max_size=12))
def test_check_digit_matches_stdnum(body: str) -> None:
    assert check_digit(body) == stdnum_cn.calc_check_digit(body)
    assert is_valid(check_digit(body) + body)
    assert check_digit(body) != "0"


@pytest.mark.parametrize(
    "bad", ["", "12345678901", "1234567890123", "５８３５６７８２５６２４", "abc"]
)
def test_check_digit_rejects_bad_input(bad: str) -> None:
    with pytest.raises(ValueError):
        check_digit(bad)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("5835678256246", "5835678256246"),
        ("5-8356-7825-6246", "5835678256246"),
        ("５８３５６７８２５６２４６", "5835678256246"),
        (" 5 8356 7825 6246 ", "5835678256246"),
        ("5－8356－7825－6246", "5835678256246"),
        ("5ー8356ー7825ー6246", "5835678256246"),
    ],
)
def test_validate_accepts_common_spellings(raw: str, expected: str) -> None:
    assert validate(raw) == expected
    assert clean(raw) == expected


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("", "length"),
        (None, "length"),
        ("583567825624", "length"),
        ("58356782562461", "length"),
        ("583567825624a", "digits"),
        ("5835678256246.", "digits"),
        ("٥٨٣٥٦٧٨٢٥٦٢٤٦", "digits"),  # Arabic-Indic digits are digits to str.isdigit()
        ("2835678256246", "checksum"),
    ],
)
def test_validate_error_codes(raw: str | None, code: str) -> None:
    with pytest.raises(InvalidCorporateNumber) as excinfo:
        validate(raw)
    assert excinfo.value.code == code
    assert isinstance(excinfo.value, ValueError)
    assert not is_valid(raw)


def test_format_number() -> None:
    assert format_number("５８３５６７８２５６２４６") == "5-8356-7825-6246"
