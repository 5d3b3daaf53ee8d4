"""Importing a lead list: upload, every row checked (preview), then all or nothing."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from eigyo.accounts import access
from eigyo.core.views import deny_unless
from eigyo.prospecting.access import can_enter_leads
from eigyo.prospecting.models import Lead
from eigyo.transfer import pipeline
from eigyo.transfer.lead_import import LeadList


class LeadUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV or Excel file"),
        help_text=gettext_lazy(
            "CSV (UTF-8, Shift_JIS or UTF-16) or Excel (.xlsx), with a header row."
        ),
    )
    sheet = forms.CharField(
        label=gettext_lazy("Sheet (Excel)"),
        required=False,
        max_length=100,
        help_text=gettext_lazy("The first sheet when empty."),
    )
    source = forms.ChoiceField(
        label=gettext_lazy("source (when the file does not say)"), choices=Lead.Source.choices
    )
    campaign = forms.CharField(
        label=gettext_lazy("campaign (when the file does not say)"), required=False, max_length=120
    )


@login_required
@require_http_methods(["GET", "POST"])
def lead_import(request: HttpRequest) -> HttpResponse:
    deny_unless(can_enter_leads(request.user))
    org = access.membership(request.user).org
    form = LeadUploadForm(request.POST or None, request.FILES or None)
    checked, text = None, ""
    if request.method == "POST" and request.POST.get("action") == "commit":
        text = request.POST.get("content", "")
        target = LeadList(
            org,
            request.user,
            source=request.POST.get("source", ""),
            campaign=request.POST.get("campaign", ""),
        )
        try:
            done = pipeline.commit(target, text)
        except pipeline.ImportRefused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("%(n)s leads imported.") % {"n": done.count("create")})
            return redirect("leads:list")
    elif request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            text = pipeline.read_file(
                upload.read(pipeline.MAX_BYTES + 1), form.cleaned_data["sheet"]
            )
            target = LeadList(
                org,
                request.user,
                source=form.cleaned_data["source"],
                campaign=form.cleaned_data["campaign"],
            )
            checked = pipeline.preview(target, text)
        except pipeline.ImportRefused as exc:
            form.add_error("file", str(exc))
    return render(
        request,
        "transfer/lead_import.html",
        {
            "form": form,
            "checked": checked,
            "content": text,
            "source": request.POST.get("source", ""),
            "campaign": request.POST.get("campaign", ""),
            "counts": {a: checked.count(a) for a in ("create", "skip", "error")} if checked else {},
        },
        status=422 if request.method == "POST" and checked is None else 200,
    )
