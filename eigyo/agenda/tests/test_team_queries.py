"""The team today costs the same queries for a team of two as for a team of twenty."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from eigyo.accounts.models import Membership, Role, User
from eigyo.agenda.team import team_today
from eigyo.core import clock


@pytest.mark.django_db
def test_queries_do_not_grow_with_the_team(book, actors):
    def count(reps):
        with CaptureQueriesContext(connection) as ctx:
            team_today(actors.admin, reps, actors.org, clock.today())
        return len(ctx.captured_queries)

    count([actors.rep1, actors.rep2])  # first use creates the settings rows
    few = count([actors.rep1, actors.rep2])
    many = [actors.rep1, actors.rep2]
    for i in range(18):
        user = User.objects.create_user(f"extra{i}@example.com", "x" * 12)
        Membership.objects.create(org=actors.org, user=user, role=Role.REP)
        many.append(user)
    assert count(many) == few
