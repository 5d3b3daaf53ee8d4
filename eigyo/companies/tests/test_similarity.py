"""Pure tests of avatar scoring and spider similarity."""

from eigyo.companies.domain.similarity import (
    Avatar,
    Profile,
    avatar_score,
    neighbouring_sizes,
    similarity,
)

TOYOTA = Profile("3700", "core30", "prime", "23")


def test_similarity_rewards_sector_size_and_place():
    assert similarity(TOYOTA, Profile("3700", "core30", "prime", "23")) == (
        95, ["same_sector", "same_size", "same_segment", "same_prefecture"])  # fmt: skip
    score, reasons = similarity(TOYOTA, Profile("3700", "large70", "prime", "22"))
    assert (score, reasons) == (
        75, ["same_sector", "neighbouring_size", "same_segment", "same_region"])  # fmt: skip
    assert similarity(TOYOTA, Profile("5250", "small2", "growth", "01"))[0] == 0
    assert similarity(TOYOTA, Profile("3700", "mid400", "", "13"), fit=100)[0] == 55
    growth = Profile("3250", "", "growth", "")
    assert similarity(growth, Profile("3250", "", "growth", "")) == (50, ["same_sector",
                                                                       "same_segment"])  # fmt: skip


def test_avatar_score_counts_only_the_criteria_it_sets():
    avatar = Avatar(sectors=frozenset({"3700", "3600"}), size_classes=frozenset({"mid400"}))
    score, reasons = avatar_score(TOYOTA, avatar)  # sector yes, size two classes away
    assert score == round(100 * 40 / 65) and reasons == [("sector", "3700")]
    near = avatar_score(Profile("3600", "large70"), avatar)
    assert near[0] == round(100 * (40 + 12.5) / 65) and ("size_near", "large70") in near[1]
    assert avatar_score(TOYOTA, Avatar()) == (0, [])


def test_neighbouring_sizes():
    assert neighbouring_sizes("large70") == ["core30", "large70", "mid400"]
    assert neighbouring_sizes("") == []
