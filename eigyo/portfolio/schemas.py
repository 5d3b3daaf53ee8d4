"""API shapes for portfolio relationships."""

import datetime as dt

from ninja import ModelSchema, Schema

from eigyo.portfolio.models import Relationship, TierChange


class TierChangeOut(ModelSchema):
    class Meta:
        model = TierChange
        fields = ["id", "from_tier", "to_tier", "changed_on", "reason", "changed_by"]


class RelationshipOut(ModelSchema):
    class Meta:
        model = Relationship
        fields = [
            "id",
            "company",
            "owner",
            "tier",
            "tier_since",
            "cadence_days",
            "notes",
            "created_at",
            "updated_at",
        ]


class RelationshipIn(Schema):
    company: int
    owner: int | None = None
    tier: str = "new"
    reason: str = ""
    cadence_days: int | None = None
    notes: str = ""


class RelationshipPatch(Schema):
    tier: str | None = None
    reason: str | None = None
    cadence_days: int | None = None
    notes: str | None = None


class TierHistoryOut(Schema):
    relationship: RelationshipOut
    history: list[TierChangeOut]
    as_of: dt.date
