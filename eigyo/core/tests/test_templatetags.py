"""Amounts shown the Japanese way where space is short (cards, board totals)."""

import pytest
from django.utils import translation

from eigyo.core.templatetags.eigyo import yen, yen_short


@pytest.mark.parametrize(
    "amount,ja,en",
    [
        (30_100_000, "3,010万円", "¥30.1M"),
        (120_000_000, "1.2億円", "¥120M"),
        (1_234_500_000, "12.35億円", "¥1.2B"),
        (15_000, "1.5万円", "¥15k"),
        (250_000, "25万円", "¥250k"),
        (9_800, "9,800円", "¥9.8k"),
        (0, "0円", "¥0"),
        (None, "", ""),
    ],
)
def test_short_yen(amount, ja, en):
    with translation.override("ja"):
        assert yen_short(amount) == ja
    with translation.override("en"):
        assert yen_short(amount) == en
    assert yen(30_100_000) == "¥30,100,000"  # in full where there is room
