"""API shapes for activities."""

import datetime as dt

from ninja import ModelSchema, Schema

from eigyo.activities.models import Activity


class ActivityOut(ModelSchema):
    class Meta:
        model = Activity
        fields = [
            "id",
            "kind",
            "occurred_at",
            "company",
            "owner",
            "people",
            "colleagues",
            "notes",
            "business_discussed",
            "outcome",
            "next_step",
            "next_step_on",
            "created_at",
        ]


class ActivityIn(Schema):
    """Validated by the same ActivityForm as the log-a-visit page."""

    company: int | None = None
    kind: str | None = None
    occurred_at: dt.datetime | None = None
    people: list[int] | None = None
    colleagues: list[int] | None = None
    business_discussed: bool | None = None
    notes: str | None = None
    outcome: str | None = None
    next_step: str | None = None
    next_step_on: dt.date | None = None
