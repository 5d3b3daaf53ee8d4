"""API shapes for partners, contracts and their numbers."""

import datetime as dt

from ninja import ModelSchema, Schema

from eigyo.partners.models import Contract, ContractMilestone, TerminationRight


class PartnerOut(Schema):
    id: int
    name: str
    kind: str
    # Our internal view: None for a partner user.
    stage: str | None = None
    manager: int | None = None
    territory: list[str] | None = None
    industries: list[str] | None = None
    corporate_number: str | None = None


class PartnerIn(Schema):
    name: str | None = None
    kind: str | None = None
    corporate_number: str | None = None
    group_name: str | None = None
    territory: list[str] | None = None
    industries: list[str] | None = None
    introduced_by: str | None = None
    manager: int | None = None
    idle_after_days: int | None = None


class StageIn(Schema):
    stage: str = ""
    override_reason: str = ""


class CheckOut(Schema):
    id: int
    item_key: str
    item_label: str
    required: bool
    status: str
    finding: str
    evidence: str
    checked_by: int | None
    checked_on: dt.date | None


class CheckIn(Schema):
    status: str | None = None
    finding: str | None = None
    evidence: str | None = None


class LineOut(Schema):
    period: str
    period_start: dt.date
    period_end: dt.date
    metric: str
    target: int
    actual: int
    projected: float
    percent: int | None
    projected_percent: int | None
    behind: bool


class ChartOut(Schema):
    labels: list[str]
    target: list[int | None]
    actual: list[int]


class PerformanceOut(Schema):
    lines: list[LineOut]
    chart: ChartOut
    idle: bool | None = None  # internal: None for a partner user


class ContractOut(ModelSchema):
    class Meta:
        model = Contract
        fields = [
            "id",
            "partner",
            "title",
            "kind",
            "exclusive",
            "territory",
            "products",
            "start",
            "term_months",
            "auto_renew",
            "renewal_months",
            "renewals",
            "notice_months",
            "relationship_since",
            "notes",
        ]


class WindowOut(Schema):
    right: int
    description: str
    opens: dt.date
    lapses: dt.date


class ContractStateOut(Schema):
    term_start: dt.date | None
    term_end: dt.date | None
    notice_by: dt.date | None
    continuity_caution: bool
    open_rights: list[WindowOut]


class ContractDetailOut(Schema):
    contract: ContractOut
    targets: list[LineOut]
    milestones: list["MilestoneOut"]
    state: ContractStateOut | None = None  # internal: None for a partner user


class MilestoneOut(ModelSchema):
    class Meta:
        model = ContractMilestone
        fields = ["id", "title", "due_on", "done_on"]


class RightOut(ModelSchema):
    class Meta:
        model = TerminationRight
        fields = [
            "id",
            "description",
            "metric",
            "period_kind",
            "threshold_percent",
            "consecutive",
            "window_days",
        ]


ContractDetailOut.model_rebuild()


class ContractIn(Schema):
    title: str | None = None
    kind: str | None = None
    exclusive: bool | None = None
    territory: str | None = None
    products: str | None = None
    start: dt.date | None = None
    term_months: int | None = None
    auto_renew: bool | None = None
    renewal_months: int | None = None
    renewals: int | None = None
    notice_months: int | None = None
    relationship_since: dt.date | None = None
    notes: str | None = None


class TargetIn(Schema):
    metric: str | None = None
    period_kind: str | None = None
    fiscal_year: int | None = None
    index: int | None = None
    value: int | None = None


class RightIn(Schema):
    description: str | None = None
    metric: str | None = None
    period_kind: str | None = None
    threshold_percent: int | None = None
    consecutive: int | None = None
    window_days: int | None = None


class WinOut(Schema):
    id: int
    stage: str
    win_confirmed_at: dt.datetime | None
    win_confirmed_amount: int | None


class AttendanceOut(Schema):
    id: int
    trainee: int
    name: str
    role: str
    module: str
    held_on: dt.date
    attended: bool
    completed: bool
    certified_on: dt.date | None
    certified_until: dt.date | None


class NumbersOut(Schema):
    activities: int
    advanced: int
    won: int
    won_amount: int


class BeforeAfterOut(Schema):
    who: str
    before_start: dt.date
    before_end: dt.date
    after_start: dt.date
    after_end: dt.date
    complete: bool
    before: NumbersOut
    after: NumbersOut


class TrainingOut(Schema):
    attendances: list[AttendanceOut]
    # Around the latest completed training: the partner, then each trained person with
    # a login (the counts behind the comparison).
    before_after: list[BeforeAfterOut]
