"""The instruction form: who is to do it is always chosen (the team first, never the
one giving it by default); milestones as date + title rows, text lines as a shortcut."""

import datetime as dt

import pytest
from django.urls import reverse

from eigyo.followups.models import Instruction


def post(web, **data):
    base = {"kind": "instruction", "subject": "品質保証部長に面談", "asked": "日程を決める"}
    return web.post(reverse("followups:create"), {**base, **data})


@pytest.mark.django_db
def test_the_owner_is_chosen_team_first(actors, login):
    web = login(actors.manager)
    form = web.get(reverse("followups:create")).context["form"]
    assert form["owner"].value() in (None, "")  # no default: not the manager herself
    choices = [c for c, _label in form.fields["owner"].choices if c]
    assert [c.value for c in choices] == [actors.rep1.pk, actors.manager.pk]  # team first
    refused = post(web)
    assert refused.status_code == 422 and "owner" in refused.context["form"].errors
    assert not Instruction.objects.exists()


@pytest.mark.django_db
def test_milestones_from_rows_and_lines(actors, login):
    web = login(actors.manager)
    done = post(
        web,
        owner=actors.rep1.pk,
        milestone_on_0="2026-12-04",
        milestone_title_0="面談日程の確定",
        milestone_on_1="2026-12-11",
        milestone_title_1="面談",
        milestones="2026-12-18 報告書の提出",
    )
    assert done.status_code == 302
    ins = Instruction.objects.get()
    assert ins.owner == actors.rep1 and ins.issued_by == actors.manager
    assert [(m.due_on, m.title) for m in ins.milestones.order_by("due_on")] == [
        (dt.date(2026, 12, 4), "面談日程の確定"),
        (dt.date(2026, 12, 11), "面談"),
        (dt.date(2026, 12, 18), "報告書の提出"),
    ]


@pytest.mark.django_db
def test_a_row_needs_both_date_and_title(actors, login):
    response = post(login(actors.manager), owner=actors.rep1.pk, milestone_on_2="2026-12-04")
    assert response.status_code == 422
    assert "milestone_title_2" in response.context["form"].errors
    assert not Instruction.objects.exists()
