"""API shapes for deals and the records around them."""

import datetime as dt

from ninja import ModelSchema, Schema

from eigyo.deals.models import Deal, DiscountRequest, Objection, Praise, Promise, Stakeholder


class DealOut(ModelSchema):
    class Meta:
        model = Deal
        fields = [
            "id",
            "title",
            "company",
            "relationship",
            "owner",
            "team_members",
            "partner",
            "amount",
            "expected_close",
            "stage",
            "closed_on",
            "lost_reason",
            "notes",
            "created_at",
            "updated_at",
        ]


class DealIn(Schema):
    title: str | None = None
    company: int | None = None
    amount: int | None = None
    expected_close: dt.date | None = None
    owner: int | None = None
    team_members: list[int] | None = None
    partner: int | None = None
    notes: str | None = None


class StageIn(Schema):
    stage: str = ""  # required, but checked after the deal is found (404 before 422)
    lost_reason: str = ""


class StakeholderOut(ModelSchema):
    met: bool
    name: str

    class Meta:
        model = Stakeholder
        fields = [
            "id",
            "person",
            "role",
            "influence",
            "stance",
            "met_override",
            "personal_win",
            "notes",
        ]


class StakeholderIn(Schema):
    person: int | None = None
    role: str | None = None
    influence: str | None = None
    stance: str | None = None
    met_override: bool | None = None
    personal_win: str | None = None
    notes: str | None = None


class PromiseOut(ModelSchema):
    overdue: bool

    class Meta:
        model = Promise
        fields = ["id", "what", "due_on", "owner", "status", "done_on"]


class PromiseIn(Schema):
    what: str | None = None
    due_on: dt.date | None = None
    owner: int | None = None
    status: str | None = None
    done_on: dt.date | None = None


class PraiseOut(ModelSchema):
    flattery: bool

    class Meta:
        model = Praise
        fields = ["id", "about", "to", "statement", "evidence", "said_on"]


class PraiseIn(Schema):
    about: int | None = None
    to: int | None = None
    statement: str | None = None
    evidence: str | None = None
    said_on: dt.date | None = None


class ObjectionOut(ModelSchema):
    class Meta:
        model = Objection
        fields = ["id", "objection", "raised_by", "response", "status", "raised_on"]


class ObjectionIn(Schema):
    objection: str | None = None
    raised_by: int | None = None
    response: str | None = None
    status: str | None = None
    raised_on: dt.date | None = None


class DiscountOut(ModelSchema):
    class Meta:
        model = DiscountRequest
        fields = [
            "id",
            "requested",
            "requested_amount",
            "offered",
            "offer_detail",
            "outcome",
            "requested_on",
        ]


class DiscountIn(Schema):
    requested: str | None = None
    requested_amount: int | None = None
    offered: str | None = None
    offer_detail: str | None = None
    outcome: str | None = None
    requested_on: dt.date | None = None


class GapOut(Schema):
    code: str
    member: int | None
    text: str


class ReadinessOut(Schema):
    score: int
    raw: float
    cap: int | None
    cap_reason: str | None
    gaps: list[GapOut]
