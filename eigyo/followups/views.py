"""Follow-through pages: instructions and their milestones, conflicts, coaching,
senior visits (the manager's dashboard that reads them lives in agenda)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from eigyo.accounts import access
from eigyo.core import clock
from eigyo.core.contributions import DETAIL
from eigyo.core.views import deny_unless
from eigyo.followups import inbox, services
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
from eigyo.followups.forms import (
    CoachingForm,
    ConflictForm,
    InstructionForm,
    MilestoneForm,
    SeniorVisitForm,
    UpdateForm,
)
from eigyo.followups.models import Instruction


def _org(request):
    return access.membership(request.user).org


@login_required
@require_http_methods(["GET"])
def instruction_list(request: HttpRequest) -> HttpResponse:
    visible = visible_instructions(request.user)
    deny_unless(uses_followups(request.user))
    status = request.GET.get("status", "open")
    qs = visible.filter(status=status) if status in Instruction.Status.values else visible
    today = clock.today()
    return render(
        request,
        "followups/instruction_list.html",
        {
            "instructions": qs.select_related("owner", "issued_by", "company")
            .prefetch_related("milestones")
            .order_by("-issued_at", "-pk")[:200],
            "evaporating": services.evaporating(visible, _org(request), today),
            "status": status,
            "today": today,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def instruction_create(request: HttpRequest) -> HttpResponse:
    deny_unless(uses_followups(request.user))
    initial = {"company": request.GET.get("company")} if request.GET.get("company") else {}
    form = InstructionForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        instruction = services.save_instruction(form, by=request.user)
        messages.success(request, _("Instruction saved."))
        return redirect(instruction.get_absolute_url())
    return render(
        request,
        "followups/instruction_form.html",
        {"form": form, "title": _("New instruction or client request")},
        status=422 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def instruction_detail(request: HttpRequest, pk: int) -> HttpResponse:
    ins = access.get_visible(
        services.with_signs_of_life(
            visible_instructions(request.user).select_related("owner", "issued_by", "company")
        ),
        pk=pk,
    )
    update_form, milestone_form = UpdateForm(), MilestoneForm()
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "acknowledge":
            deny_unless(can_acknowledge(request.user, ins))
            services.acknowledge(ins, by=request.user)
        elif not can_change_instruction(request.user, ins):
            raise PermissionDenied
        elif action == "update":
            update_form = UpdateForm(request.POST)
            if update_form.is_valid():
                services.post_update(ins, update_form.cleaned_data["text"], by=request.user)
                return redirect(ins.get_absolute_url())
        elif action == "milestone":
            milestone_form = MilestoneForm(request.POST)
            if milestone_form.is_valid():
                services.add_milestone(ins, **milestone_form.cleaned_data, by=request.user)
                return redirect(ins.get_absolute_url())
        elif action in ("done", "undo"):
            m = access.get_visible(ins.milestones.all(), pk=request.POST.get("milestone"))
            services.change_milestone(m, done=action == "done", by=request.user)
        elif action in ("close", "cancel", "reopen"):
            status = {"close": "done", "cancel": "cancelled", "reopen": "open"}[action]
            services.set_instruction_status(ins, status, by=request.user)
        else:
            raise Http404
        # An invalid update or milestone falls through to show its errors.
        if not (update_form.is_bound or milestone_form.is_bound):
            return redirect(ins.get_absolute_url())
    sign = services.last_sign_of_life(ins)
    milestones = list(ins.milestones.all())
    inbox.seen(ins, *milestones, by=request.user)
    return render(
        request,
        "followups/instruction_detail.html",
        {
            "ins": ins,
            **DETAIL.context(request, ins),
            "milestones": milestones,
            "updates": ins.updates.select_related("author"),
            "update_form": update_form,
            "milestone_form": milestone_form,
            "today": clock.today(),
            "last_sign": sign,
            "is_owner": ins.owner_id == request.user.pk,
        },
        status=422 if request.method == "POST" else 200,
    )


SIMPLE = {
    "conflicts": (
        visible_conflicts,
        ConflictForm,
        gettext_lazy("Conflicts with clients"),
        gettext_lazy("conflict"),
        can_change_conflict,
    ),
    "coaching": (
        visible_coaching,
        CoachingForm,
        gettext_lazy("Coaching"),
        gettext_lazy("coaching session"),
        can_change_coaching,
    ),
    "senior-visits": (
        visible_senior_visits,
        SeniorVisitForm,
        gettext_lazy("Senior visits"),
        gettext_lazy("senior visit"),
        can_change_senior_visit,
    ),
}


@login_required
@require_http_methods(["GET"])
def simple_list(request: HttpRequest, kind: str) -> HttpResponse:
    """Conflicts, coaching sessions and senior visits: one list page for the three."""
    if kind not in SIMPLE:
        raise Http404
    visible, _form, title, label, _can_change = SIMPLE[kind]
    deny_unless(uses_followups(request.user))
    return render(
        request,
        f"followups/{kind}.html",
        {
            "items": visible(request.user).select_related(),
            "title": title,
            "label": label,
            "kind": kind,
            "today": clock.today(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def simple_form(request: HttpRequest, kind: str, pk: int | None = None) -> HttpResponse:
    if kind not in SIMPLE:
        raise Http404
    visible, form_class, title, label, can_change = SIMPLE[kind]
    # An id out of sight is 404 for everyone, as a missing one; then the role.
    instance = access.get_visible(visible(request.user), pk=pk) if pk else None
    deny_unless(uses_followups(request.user))
    changeable = instance is None or can_change(request.user, instance)
    if request.method == "POST":
        deny_unless(changeable)
    form = form_class(request.POST or None, instance=instance, user=request.user)
    if not changeable:
        # Shown to read (the rep reads the coach's notes), not to change.
        for field in form.fields.values():
            field.disabled = True
    if instance is not None:
        inbox.seen(instance, by=request.user)
    if request.method == "POST" and form.is_valid():
        services.save_record(form, by=request.user)
        messages.success(request, _("Saved."))
        return redirect("followups:simple", kind=kind)
    return render(
        request,
        "followups/form.html",
        {"form": form, "title": label, "changeable": changeable},
        status=422 if request.method == "POST" else 200,
    )
