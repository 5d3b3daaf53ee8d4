"""The demo's partners: one strong, one idling with a termination right open, one
candidate in due diligence; trainings with before/after numbers."""

import pytest

from eigyo.accounts.models import Partner
from eigyo.core import clock
from eigyo.demo import builder as demo
from eigyo.partners import overview, performance


@pytest.mark.django_db
def test_demo_partners_tell_the_partner_manager_what_to_do():
    org, _built = demo.build()
    from eigyo.accounts.models import User

    manager = User.objects.get(email="manager@demo.example")
    today = clock.today()
    stages = dict(Partner.objects.filter(org=org).values_list("name", "profile__stage"))
    assert stages == {
        "関西販売株式会社": "active",
        "東海商事株式会社": "review",
        "北陸テクノ株式会社": "diligence",
    }
    board = overview.board(manager, today)
    names = lambda rows: {r.partner.name for r in rows}  # noqa: E731
    assert names(board["idle"]) == {"東海商事株式会社"}
    assert names(board["rights"]) == {"東海商事株式会社"}
    assert names(board["notices"]) == {"東海商事株式会社"}
    assert "関西販売株式会社" not in names(board["behind"])
    strong = next(r for r in board["rows"] if r.partner.name == "関西販売株式会社")
    assert strong.revenue is not None and strong.revenue.progress.projected_percent >= 100
    windows, comparison = strong.effect["partner"]
    assert comparison.after.activities > comparison.before.activities
    [(_contract, right, window)] = board["rights"][0].rights
    assert right.threshold_percent == 70 and window.is_open(today)
    idle = Partner.objects.get(org=org, name="東海商事株式会社")
    assert performance.idling([idle], today)[idle.pk].stalled_pipeline
    from eigyo.followups.models import Notice

    kinds = set(
        Notice.objects.filter(user=manager, kind__startswith="partner_").values_list(
            "kind", flat=True
        )
    )
    assert {"partner_termination_right", "partner_notice_deadline"} <= kinds
