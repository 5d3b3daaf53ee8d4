"""Activity endpoints: the visit log."""

import datetime as dt

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Status
from ninja.pagination import paginate

from eigyo.accounts import access
from eigyo.activities import services
from eigyo.activities.access import can_edit_activity, can_log_activity, visible_activities
from eigyo.activities.filters import ACTIVITY_SORTS, ActivityFilter
from eigyo.activities.forms import ActivityForm
from eigyo.activities.schemas import ActivityIn, ActivityOut
from eigyo.contacts.reads import people_met
from eigyo.core.api import Forbidden, Pagination, merged, valid
from eigyo.core.lists import apply_sort

router = Router(tags=["activities"])


def _form_data(values: dict) -> dict:
    """JSON values in the terms of the log-a-visit form."""
    data = {k: ("" if v is None else v) for k, v in values.items()}
    when = values.get("occurred_at")
    if isinstance(when, dt.datetime):
        # The form takes local wall time; an aware value is converted first.
        local = timezone.localtime(when) if timezone.is_aware(when) else when
        data["occurred_at"] = local.strftime("%Y-%m-%dT%H:%M:%S")
    if not data.get("business_discussed"):
        data.pop("business_discussed", None)  # a checkbox: absent means False
    return data


@router.get("/activities", response=list[ActivityOut])
@paginate(Pagination)
def list_activities(request: HttpRequest, filters: Query[ActivityFilter], sort: str = "-when"):
    qs = (
        filters.filter(visible_activities(request.user))
        .select_related("owner", "company")
        .prefetch_related(people_met(request.user), "colleagues")
    )
    return apply_sort(qs, sort, ACTIVITY_SORTS, "when")


@router.get("/activities/{int:activity_id}", response=ActivityOut)
def get_activity(request: HttpRequest, activity_id: int):
    return access.get_visible(visible_activities(request.user), pk=activity_id)


@router.post("/activities", response={201: ActivityOut})
def log_activity(request: HttpRequest, payload: ActivityIn):
    if not can_log_activity(request.user):
        raise Forbidden
    form = valid(ActivityForm(_form_data(payload.dict()), user=request.user))
    return Status(201, services.save_activity(form, by=request.user))


@router.patch("/activities/{int:activity_id}", response=ActivityOut)
def update_activity(request: HttpRequest, activity_id: int, payload: ActivityIn):
    activity = access.get_visible(visible_activities(request.user), pk=activity_id)
    if not can_edit_activity(request.user, activity):
        raise Forbidden
    data = _form_data(merged(activity, ActivityForm, payload.dict(exclude_unset=True)))
    form = valid(ActivityForm(data, instance=activity, user=request.user))
    return services.save_activity(form, by=request.user)


@router.delete("/activities/{int:activity_id}", response={204: None})
def delete_activity(request: HttpRequest, activity_id: int):
    activity = access.get_visible(visible_activities(request.user), pk=activity_id)
    if not can_edit_activity(request.user, activity):
        raise Forbidden
    services.delete_activity(activity, by=request.user)
    return Status(204, None)
