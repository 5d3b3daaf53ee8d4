"""Pure tests for eigyo.lib.phones (no database)."""

from __future__ import annotations

import pytest

from eigyo.lib.phones import InvalidPhone, format_phone, normalize_phone


@pytest.mark.parametrize(
    ("raw", "e164"),
    [
        ("03-1234-5678", "+81312345678"),
        ("0312345678", "+81312345678"),
        ("(03)1234-5678", "+81312345678"),
        ("０３（１２３４）５６７８", "+81312345678"),
        ("03ー1234ー5678", "+81312345678"),
        ("+81 3 1234 5678", "+81312345678"),
        ("+81-3-1234-5678", "+81312345678"),
        ("090-1234-5678", "+819012345678"),
        ("０９０‐１２３４‐５６７８", "+819012345678"),
        ("0120-123-456", "+81120123456"),
        ("050-1234-5678", "+815012345678"),
        ("06-6123-4567", "+81661234567"),
        ("+1 650-253-0000", "+16502530000"),
    ],
)
def test_normalize_phone(raw: str, e164: str) -> None:
    assert normalize_phone(raw) == e164


def test_normalize_phone_other_region() -> None:
    assert normalize_phone("(650) 253-0000", region="US") == "+16502530000"


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("", "empty"),
        (None, "empty"),
        ("　", "empty"),
        ("abc", "unparsable"),
        ("12345", "invalid"),
        ("03-1234-567", "invalid"),
        ("110", "invalid"),
        ("03-1234-5678 ext. 12", "extension"),
    ],
)
def test_normalize_phone_rejects(raw: str | None, code: str) -> None:
    with pytest.raises(InvalidPhone) as excinfo:
        normalize_phone(raw)
    assert excinfo.value.code == code
    assert isinstance(excinfo.value, ValueError)


@pytest.mark.parametrize(
    ("e164", "shown"),
    [
        ("+81312345678", "03-1234-5678"),
        ("+819012345678", "090-1234-5678"),
        ("+81120123456", "0120-123-456"),
        ("+81661234567", "06-6123-4567"),
        ("+16502530000", "+1 650-253-0000"),
        ("+442079460000", "+44 20 7946 0000"),
    ],
)
def test_format_phone(e164: str, shown: str) -> None:
    assert format_phone(e164) == shown


def test_round_trip() -> None:
    for raw in ["03-1234-5678", "090-1234-5678", "0120-123-456"]:
        assert format_phone(normalize_phone(raw)) == raw


def test_format_phone_rejects_garbage() -> None:
    with pytest.raises(InvalidPhone):
        format_phone("not a number")


def _the_long_way(text: str) -> str:
    import phonenumbers

    try:
        number = phonenumbers.parse(text, "JP")
    except phonenumbers.NumberParseException:
        return "invalid"
    if not phonenumbers.is_valid_number(number):
        return "invalid"
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def test_the_quick_way_for_domestic_numbers_answers_as_parsing_does():
    """Numbers written the usual Japanese way skip parsing: for every shape (area
    codes of 1-4 digits, mobiles, 0120, 050, too short or long, invalid prefixes) the
    answer is the one phonenumbers' parse gives."""
    import random

    rng = random.Random(15)
    for _ in range(5000):
        digits = "0" + "".join(rng.choice("0123456789") for _ in range(rng.randint(8, 11)))
        cut = sorted(rng.sample(range(2, len(digits)), 2))
        text = (
            digits
            if rng.random() < 0.3
            else "-".join((digits[: cut[0]], digits[cut[0] : cut[1]], digits[cut[1] :]))
        )
        try:
            quick = normalize_phone(text)
        except InvalidPhone:
            quick = "invalid"
        assert quick == _the_long_way(text), text


def test_validity_by_length_answers_as_phonenumbers_does():
    """The one-pattern-per-length validity test gives is_valid_number's answer for
    numbers of every Japanese shape (landlines of each area-code length, mobiles,
    070/080/090, 050, 0120/0800, 0570, 020, 0990) and for random digits."""
    import random

    import phonenumbers

    from eigyo.lib.phones import _japanese_valid

    rng = random.Random(7)
    prefixes = ["3", "6", "45", "52", "92", "11", "155", "4992", "90", "80", "70", "50"]
    prefixes += ["120", "800", "570", "20", "990", "60", "10", "1", "9", ""]
    answers = set()
    for _ in range(20_000):
        national = rng.choice(prefixes) + "".join(
            rng.choice("0123456789") for _ in range(rng.randint(4, 11))
        )
        if national.startswith("0"):  # a national number has no leading 0
            continue
        expected = phonenumbers.is_valid_number(
            phonenumbers.PhoneNumber(country_code=81, national_number=int(national))
        )
        assert _japanese_valid(national) == expected, national
        answers.add(expected)
    assert answers == {True, False}
