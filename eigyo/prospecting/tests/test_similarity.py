"""Pure tests of avatar scoring and spider similarity."""

from eigyo.prospecting.domain.similarity import (
    Avatar,
    CustomCriterion,
    Profile,
    avatar_score,
    neighbouring_sizes,
    similarity,
)

TOYOTA = Profile("3700", "core30", "prime", "23")


def test_similarity_rewards_sector_size_and_place():
    assert similarity(TOYOTA, Profile("3700", "core30", "prime", "23")) == (
        95,
        ["same_sector", "same_size", "same_segment", "same_prefecture"],
    )
    score, reasons = similarity(TOYOTA, Profile("3700", "large70", "prime", "22"))
    assert (score, reasons) == (
        75,
        ["same_sector", "neighbouring_size", "same_segment", "same_region"],
    )
    assert similarity(TOYOTA, Profile("5250", "small2", "growth", "01"))[0] == 0
    assert similarity(TOYOTA, Profile("3700", "mid400", "", "13"), fit=100)[0] == 55
    growth = Profile("3250", "", "growth", "")
    assert similarity(growth, Profile("3250", "", "growth", "")) == (
        50,
        ["same_sector", "same_segment"],
    )


def test_avatar_score_counts_only_the_criteria_it_sets():
    avatar = Avatar(sectors=frozenset({"3700", "3600"}), size_classes=frozenset({"mid400"}))
    score, reasons = avatar_score(TOYOTA, avatar)  # sector yes, size two classes away
    assert score == round(100 * 40 / 65) and reasons == [("sector", "3700")]
    near = avatar_score(Profile("3600", "large70"), avatar)
    assert near[0] == round(100 * (40 + 12.5) / 65) and ("size_near", "large70") in near[1]
    assert avatar_score(TOYOTA, Avatar()) == (0, [])


def test_avatar_criteria_over_the_organisations_own_fields():
    uses_rival = CustomCriterion("uses_rival", "競合製品を使用", 30, values=frozenset({True}))
    plants = CustomCriterion("plants", "工場数", 20, low=3)
    channel = CustomCriterion("channel", "販売チャネル", 10, values=frozenset({"直販", "代理店"}))
    avatar = Avatar(sectors=frozenset({"3700"}), custom=(uses_rival, plants, channel))
    fits = Profile("3700", custom={"uses_rival": True, "plants": 5, "channel": "直販"})
    assert avatar_score(fits, avatar) == (
        100,
        [
            ("sector", "3700"),
            ("custom", "競合製品を使用"),
            ("custom", "工場数"),
            ("custom", "販売チャネル"),
        ],
    )
    # Two plants and no answer on the channel: only the sector and the rival count.
    score, reasons = avatar_score(Profile("3700", custom={"uses_rival": True, "plants": 2}), avatar)
    assert score == round(100 * 70 / 100) and ("custom", "工場数") not in reasons
    # A registry entry has no own fields: those criteria are unknown, not failed.
    assert avatar_score(Profile("3700"), avatar) == (100, [("sector", "3700")])
    # A company of the organisation without the answers does not earn them.
    assert avatar_score(Profile("3700", custom={}), avatar)[0] == 40


def test_custom_criteria_compare_values_strictly():
    ranged = CustomCriterion("staff", "従業員数", 10, low=100, high=999)
    assert ranged.accepts(100) and ranged.accepts(999) and not ranged.accepts(1000)
    assert not ranged.accepts("500") and not ranged.accepts(True) and not ranged.accepts(None)
    no = CustomCriterion("uses_rival", "競合", 10, values=frozenset({False}))
    assert no.accepts(False) and not no.accepts(True) and not no.accepts(None)
    assert not CustomCriterion("x", "x", 10).is_set()


def test_neighbouring_sizes():
    assert neighbouring_sizes("large70") == ["core30", "large70", "mid400"]
    assert neighbouring_sizes("") == []
