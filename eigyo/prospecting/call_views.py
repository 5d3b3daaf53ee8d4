"""Cold-call pages: scripts and how their openings do, call lists, and the calling
screen (phone first: the next company, the opening for the level reached, the
outcome in two taps)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods

from eigyo.accounts import access
from eigyo.core import clock
from eigyo.core.views import deny_unless
from eigyo.prospecting import call_services as services
from eigyo.prospecting import call_stats
from eigyo.prospecting.access import (
    can_call,
    can_edit_outcomes,
    can_edit_scripts,
    visible_call_lists,
    visible_calls,
    visible_outcomes,
    visible_rehearsals,
    visible_scripts,
)
from eigyo.prospecting.call_forms import (
    CallForm,
    CallListForm,
    OutcomeFormSet,
    PhoneForm,
    RehearsalForm,
    ScriptForm,
    VersionForm,
)
from eigyo.prospecting.domain import calls as rules
from eigyo.prospecting.models import LEVEL_CHOICES, OPENING_CHOICES


@login_required
@require_http_methods(["GET", "POST"])
def outcomes(request: HttpRequest) -> HttpResponse:
    """The organisation's outcome codes: each one's level, and what it does to a list."""
    deny_unless(can_call(request.user))
    org = access.membership(request.user).org
    services.outcomes_for(org)
    editable = can_edit_outcomes(request.user)
    queryset = visible_outcomes(request.user)
    formset = OutcomeFormSet(request.POST or None, queryset=queryset) if editable else None
    if request.method == "POST":
        deny_unless(editable)
        if _valid_outcomes(formset, org):
            services.save_outcomes(formset, by=request.user)
            messages.success(request, _("Saved."))
            return redirect("calls:outcomes")
    return render(
        request,
        "prospecting/outcomes.html",
        {"formset": formset, "outcomes": queryset},
        status=422 if request.method == "POST" else 200,
    )


def _valid_outcomes(formset, org) -> bool:
    if not formset.is_valid():
        return False
    labels = [
        f.cleaned_data.get("label", "").strip()
        for f in formset.forms
        if f.has_changed() or f.instance.pk
    ]
    labels = [x for x in labels if x]
    if len(labels) != len(set(labels)):
        formset.forms[0].add_error(None, _("Each outcome needs its own name."))
        return False
    return True


@login_required
@require_http_methods(["GET", "POST"])
def scripts(request: HttpRequest) -> HttpResponse:
    """The organisation's scripts; admins and managers create them here."""
    deny_unless(can_call(request.user))
    form = ScriptForm(request.POST or None, user=request.user)
    if request.method == "POST":
        deny_unless(can_edit_scripts(request.user))
        if form.is_valid():
            script = services.save_script(form, by=request.user)
            return redirect(script.get_absolute_url())
    return render(
        request,
        "prospecting/scripts.html",
        {"scripts": visible_scripts(request.user), "form": form},
        status=422 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def script_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A script's variants and their openings, and which of them get furthest:
    ?caller=ID&month=YYYY-MM narrow the figures."""
    script = access.get_visible(visible_scripts(request.user), pk=pk)
    current = services.current_versions(script)
    form = None
    if can_edit_scripts(request.user):
        variant = request.POST.get("variant") or request.GET.get("variant") or "A"
        shown = current.get(variant)
        initial = {"variant": variant} | (
            {level: shown.opening(level) for level in rules.OPENINGS} if shown else {}
        )
        posted = request.method == "POST" and request.POST.get("action") != "rehearsal"
        form = VersionForm(request.POST if posted else None, initial=initial)
    rehearsal = RehearsalForm(
        request.POST
        if request.method == "POST" and request.POST.get("action") == "rehearsal"
        else None,
        user=request.user,
        script=script,
    )
    if request.method == "POST" and request.POST.get("action") == "rehearsal":
        if rehearsal.is_valid():
            services.record_rehearsal(rehearsal, by=request.user)
            messages.success(request, _("Rehearsal recorded."))
            return redirect(script.get_absolute_url())
    elif request.method == "POST":
        deny_unless(form is not None)
        if form.is_valid():
            data = form.cleaned_data
            version = services.save_version(
                script, data["variant"], {lv: data[lv] for lv in rules.OPENINGS}, by=request.user
            )
            messages.success(request, _("Saved as %(version)s.") % {"version": version})
            return redirect(script.get_absolute_url())
    callers = access.portfolio_owners(request.user)
    caller = None
    if request.GET.get("caller"):
        caller = access.get_visible(callers, pk=request.GET["caller"])
    calls = call_stats.filtered(
        visible_calls(request.user), script=script, caller=caller, month=request.GET.get("month")
    )
    practice = call_stats.filtered_rehearsals(
        visible_rehearsals(request.user), script=script, rep=caller, month=request.GET.get("month")
    )
    versions, variants = call_stats.script_rows(
        calls, practice, known=script.versions.values_list("variant", "number")
    )
    names = {u.pk: u.display_name for u in callers}
    per_caller = [(names.get(pk, "—"), f) for pk, f in call_stats.by_caller(calls)]
    return render(
        request,
        "prospecting/script.html",
        {
            "script": script,
            "current": [
                (v, [(label, v.opening(level)) for level, label in OPENING_CHOICES])
                for v in sorted(current.values(), key=lambda v: v.variant)
            ],
            "form": form,
            "versions": versions,
            "variants": variants,
            "ladder": LEVEL_CHOICES,
            "callers": callers,
            "caller": caller,
            "month": request.GET.get("month", ""),
            "per_caller": per_caller,
            "rehearsal": rehearsal,
            "chart_data": {
                "variants": [
                    {"variant": r.variant, "rates": [_pct(x) for x in r.rates.values()]}
                    for r in variants
                ],
                "rate_labels": [str(x) for x in RATE_LABELS],
                **call_stats.monthly(calls, clock.today()),
            },
        },
        status=422 if request.method == "POST" else 200,
    )


RATE_LABELS = [_lazy("Past reception"), _lazy("Reaching the decision maker"), _lazy("Appointments")]


def _pct(rate) -> float | None:
    return round(rate.value * 100, 1) if rate.n else None


@login_required
@require_http_methods(["GET", "POST"])
def call_lists(request: HttpRequest) -> HttpResponse:
    """My call lists (a manager also sees the team's), and a new one from my new
    approaches, the companies that fit the avatar best, companies like a won client
    (the spider) or the registry."""
    deny_unless(can_call(request.user))
    form = CallListForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            made = services.make_call_list(
                name=data["name"],
                script=data["script"],
                source=data["source"],
                candidates=form.candidates(),
                limit=data["limit"],
                by=request.user,
            )
        except ValueError as exc:
            form.add_error("script", str(exc))
        else:
            messages.success(
                request,
                _("%(n)s companies to call.") % {"n": made.entries.count()},
            )
            return redirect(made.get_absolute_url())
    lists = visible_call_lists(request.user).select_related("owner", "script")
    return render(
        request,
        "prospecting/call_lists.html",
        {"lists": lists, "form": form},
        status=422 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET"])
def call_list(request: HttpRequest, pk: int) -> HttpResponse:
    call_list = access.get_visible(
        visible_call_lists(request.user).select_related("script", "owner"), pk=pk
    )
    entries = call_list.entries.select_related("company")
    return render(
        request,
        "prospecting/call_list.html",
        {"call_list": call_list, "entries": entries, "levels": dict(LEVEL_CHOICES)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def calling(request: HttpRequest, pk: int) -> HttpResponse:
    """The calling screen: the next company and its opening; the outcome in two taps."""
    call_list = access.get_visible(visible_call_lists(request.user), pk=pk)
    deny_unless(call_list.owner_id == request.user.pk)  # one calls one's own list
    org = access.membership(request.user).org
    services.outcomes_for(org)
    action = request.POST.get("action", "call") if request.method == "POST" else ""
    form = CallForm(request.POST if action == "call" else None, user=request.user)
    phone_form = PhoneForm(request.POST if action == "phone" else None)
    if request.method == "POST":
        entry = access.get_visible(call_list.entries.all(), pk=request.POST.get("entry"))
        if action == "skip":
            services.skip_entry(entry, by=request.user)
            return redirect("calls:calling", pk=call_list.pk)
        if action == "phone":
            if phone_form.is_valid():
                services.set_entry_phone(entry, phone_form.cleaned_data["phone"], by=request.user)
                return redirect("calls:calling", pk=call_list.pk)
        elif form.is_valid():
            data = form.cleaned_data
            try:
                services.log_call(
                    entry,
                    outcome=data["outcome"],
                    level=data["level"] or None,
                    reached=data["reached"],
                    call_back_at=data["call_back_at"],
                    notes=data["notes"],
                    by=request.user,
                )
            except services.CallRefused as exc:
                form.add_error(None, str(exc))
        if action == "call" and form.is_valid() and not form.non_field_errors():
            messages.success(
                request,
                _("%(company)s: %(outcome)s")
                % {"company": entry.company, "outcome": data["outcome"]},
            )
            return redirect("calls:calling", pk=call_list.pk)
    else:
        entry = services.next_entry(call_list, clock.now())
    version = services.version_for(entry) if entry else None
    current = rules.opening_for(entry.level or None) if entry else "reception"
    last = entry.calls.select_related("outcome").first() if entry else None
    done = call_list.entries.filter(status="done").count()
    return render(
        request,
        "prospecting/calling.html",
        {
            "call_list": call_list,
            "entry": entry,
            "version": version,
            "openings": [
                (level, label, version.opening(level) if version else "", level == current)
                for level, label in OPENING_CHOICES
            ],
            "form": form,
            "phone_form": phone_form,
            "registry": entry.company.registry if entry and entry.company.registry_id else None,
            "outcomes": form.fields["outcome"].queryset,
            "ladder": LEVEL_CHOICES,
            "last": last,
            "done": done,
            "total": call_list.entries.count(),
        },
        status=422 if request.method == "POST" else 200,
    )
