"""Follow-through endpoints: a rep sees their own items, a manager their team's."""

import datetime as dt

from django.http import HttpRequest
from ninja import ModelSchema, Router, Schema, Status
from ninja.orm import create_schema

from eigyo.accounts import access
from eigyo.core import clock
from eigyo.core.api import Forbidden, FormInvalid, merged, valid
from eigyo.followups import services
from eigyo.followups.access import (
    can_acknowledge,
    can_change_coaching,
    can_change_conflict,
    can_change_instruction,
    can_change_senior_visit,
    uses_followups,
    visible_coaching,
    visible_conflicts,
    visible_instructions,
    visible_senior_visits,
)
from eigyo.followups.forms import CoachingForm, ConflictForm, InstructionForm, SeniorVisitForm
from eigyo.followups.models import (
    CoachingSession,
    Conflict,
    Instruction,
    Milestone,
    SeniorVisit,
    Update,
)

router = Router(tags=["follow-through"])


class MilestoneOut(ModelSchema):
    class Meta:
        model = Milestone
        fields = ["id", "title", "due_on", "done_on"]


class UpdateOut(ModelSchema):
    class Meta:
        model = Update
        fields = ["id", "author", "text", "posted_at"]


class InstructionOut(ModelSchema):
    milestones: list[MilestoneOut]

    class Meta:
        model = Instruction
        fields = [
            "id",
            "kind",
            "subject",
            "discussed",
            "asked",
            "company",
            "deal",
            "owner",
            "issued_by",
            "issued_at",
            "status",
            "acknowledged_at",
            "created_at",
        ]


class InstructionIn(Schema):
    kind: str | None = None
    subject: str | None = None
    discussed: str | None = None
    asked: str | None = None
    owner: int | None = None
    company: int | None = None
    deal: int | None = None
    milestones: list[tuple[dt.date, str]] | None = None
    status: str | None = None


class MilestoneIn(Schema):
    title: str = ""
    due_on: dt.date | None = None
    done: bool | None = None


class UpdateIn(Schema):
    text: str = ""


class EvaporatingOut(Schema):
    instruction: int
    subject: str
    owner: int
    milestone: str
    due_on: dt.date
    days_silent: int
    last_sign_of_life: dt.date


def _instruction(request, pk):
    return access.get_visible(visible_instructions(request.user), pk=pk)


def _changeable(request, pk):
    """The instruction, for a change (404 out of sight, then 403 by right)."""
    ins = _instruction(request, pk)
    if not can_change_instruction(request.user, ins):
        raise Forbidden
    return ins


def _sales(request):
    if not uses_followups(request.user):
        raise Forbidden


@router.get("/instructions", response=list[InstructionOut])
def list_instructions(request: HttpRequest, status: str | None = None):
    qs = visible_instructions(request.user).prefetch_related("milestones")
    return list(qs.filter(status=status) if status else qs.order_by("-issued_at", "-pk")[:500])


@router.get("/instructions/evaporating", response=list[EvaporatingOut])
def evaporating(request: HttpRequest):
    _sales(request)
    items = services.evaporating(
        visible_instructions(request.user),
        access.membership(request.user).org,
        clock.today(),
    )
    return [
        {
            "instruction": e.instruction.pk,
            "subject": e.instruction.subject,
            "owner": e.instruction.owner_id,
            "milestone": e.milestone.title,
            "due_on": e.milestone.due_on,
            "days_silent": e.days_silent,
            "last_sign_of_life": e.last_sign_of_life,
        }
        for e in items
    ]


@router.get("/instructions/{int:pk}", response=InstructionOut)
def get_instruction(request: HttpRequest, pk: int):
    return _instruction(request, pk)


@router.post("/instructions", response={201: InstructionOut})
def create_instruction(request: HttpRequest, payload: InstructionIn):
    _sales(request)
    data = {k: ("" if v is None else v) for k, v in payload.dict().items()}
    data["milestones"] = "\n".join(f"{d.isoformat()} {t}" for d, t in payload.milestones or [])
    data["kind"] = data["kind"] or Instruction.Kind.INSTRUCTION
    form = valid(InstructionForm(data, user=request.user))
    return Status(201, services.save_instruction(form, by=request.user))


@router.patch("/instructions/{int:pk}", response=InstructionOut)
def update_instruction(request: HttpRequest, pk: int, payload: InstructionIn):
    ins = _changeable(request, pk)
    sent = payload.dict(exclude_unset=True)
    status = sent.pop("status", None)
    sent.pop("milestones", None)
    if sent:
        form = InstructionForm(merged(ins, InstructionForm, sent), instance=ins, user=request.user)
        services.save_instruction(valid(form), by=request.user)
    if status is not None:
        if status not in Instruction.Status.values:
            raise FormInvalid.single("status", "not a valid status")
        services.set_instruction_status(ins, status, by=request.user)
    return _instruction(request, pk)


@router.post("/instructions/{int:pk}/acknowledge", response=InstructionOut)
def acknowledge(request: HttpRequest, pk: int):
    ins = _instruction(request, pk)
    if not can_acknowledge(request.user, ins):
        raise Forbidden
    return services.acknowledge(ins, by=request.user)


@router.post("/instructions/{int:pk}/updates", response={201: UpdateOut})
def post_update(request: HttpRequest, pk: int, payload: UpdateIn):
    ins = _changeable(request, pk)
    if not payload.text.strip():
        raise FormInvalid.single("text", "write the update")
    return Status(201, services.post_update(ins, payload.text, by=request.user))


@router.post("/instructions/{int:pk}/milestones", response={201: MilestoneOut})
def add_milestone(request: HttpRequest, pk: int, payload: MilestoneIn):
    ins = _changeable(request, pk)
    if not payload.title.strip() or payload.due_on is None:
        raise FormInvalid.single("title", "a milestone needs a title and a due date")
    milestone = services.add_milestone(
        ins, title=payload.title, due_on=payload.due_on, by=request.user
    )
    return Status(201, milestone)


@router.patch("/instructions/{int:pk}/milestones/{int:mid}", response=MilestoneOut)
def update_milestone(request: HttpRequest, pk: int, mid: int, payload: MilestoneIn):
    m = access.get_visible(_changeable(request, pk).milestones.all(), pk=mid)
    return services.change_milestone(
        m, done=payload.done, title=payload.title, due_on=payload.due_on, by=request.user
    )


def _crud(path: str, visible, form_class, model, can_change):
    """List / get / create / update for conflicts, coaching and senior visits."""

    Out = create_schema(model, name=f"{model.__name__}Out", exclude=["org"])
    In = create_schema(
        model,
        name=f"{model.__name__}In",
        fields=list(form_class.base_fields),
        optional_fields="__all__",
    )

    @router.get(f"/{path}", response=list[Out], operation_id=f"list_{path}")
    def list_items(request: HttpRequest):
        _sales(request)
        return list(visible(request.user))

    @router.get(f"/{path}/{{int:pk}}", response=Out, operation_id=f"get_{path}")
    def get_item(request: HttpRequest, pk: int):
        return access.get_visible(visible(request.user), pk=pk)

    @router.post(f"/{path}", response={201: Out}, operation_id=f"create_{path}")
    def create_item(request: HttpRequest, payload: In):
        _sales(request)
        data = {k: ("" if v is None else v) for k, v in payload.dict().items()}
        form = valid(form_class(data, user=request.user))
        return Status(201, services.save_record(form, by=request.user))

    @router.patch(f"/{path}/{{int:pk}}", response=Out, operation_id=f"update_{path}")
    def update_item(request: HttpRequest, pk: int, payload: In):
        obj = access.get_visible(visible(request.user), pk=pk)
        if not can_change(request.user, obj):
            raise Forbidden
        data = merged(obj, form_class, payload.dict(exclude_unset=True))
        form = valid(form_class(data, instance=obj, user=request.user))
        return services.save_record(form, by=request.user)


_crud("conflicts", visible_conflicts, ConflictForm, Conflict, can_change_conflict)
_crud("coaching", visible_coaching, CoachingForm, CoachingSession, can_change_coaching)
_crud("senior-visits", visible_senior_visits, SeniorVisitForm, SeniorVisit, can_change_senior_visit)
