"""Importing a company list: upload, check every row (preview), then import all or
nothing. Admin and managers."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from eigyo.accounts import access
from eigyo.companies import own_fields
from eigyo.companies.access import can_import_companies
from eigyo.core.views import deny_unless
from eigyo.transfer import importing, people_views, services
from eigyo.transfer.access import visible_company_imports
from eigyo.transfer.domain.company_columns import rows
from eigyo.transfer.models import CompanyImport

TEMPLATE_HEADERS = [
    "会社名",
    "フリガナ",
    "法人番号",
    "業種",
    "都道府県",
    "住所",
    "郵便番号",
    "電話番号",
    "URL",
    "備考",
]
PREVIEW_ROWS = 200  # rows shown besides every error and duplicate


class UploadForm(forms.Form):
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


@login_required
@require_http_methods(["GET", "POST"])
def import_start(request: HttpRequest) -> HttpResponse:
    deny_unless(can_import_companies(request.user))
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            text = importing.read_file(
                upload.read(importing.MAX_BYTES + 1), form.cleaned_data["sheet"]
            )
            org = access.membership(request.user).org
            checked = importing.preview(org, request.user, text, keep=True)
        except importing.ImportRefused as exc:
            form.add_error("file", str(exc))
        else:
            batch = services.start_import(
                by=request.user,
                filename=upload.name,
                text=text,
                mapping=checked.mapping,
                kept=checked.kept,
            )
            return redirect(batch.get_absolute_url())
    recent = (
        visible_company_imports(request.user)
        .filter(target="companies")
        .select_related("created_by")[:10]
    )
    return render(
        request,
        "transfer/import_start.html",
        {
            "form": form,
            "recent": recent,
            "headers": TEMPLATE_HEADERS,
        },
        status=422 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET"])
def import_template(request: HttpRequest) -> HttpResponse:
    """An empty list with the usual Japanese headers (UTF-8 with BOM, so Excel reads it)."""
    deny_unless(can_import_companies(request.user))
    response = HttpResponse(
        "\ufeff" + ",".join(TEMPLATE_HEADERS) + "\r\n", content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="companies.csv"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    batch = access.get_visible(visible_company_imports(request.user), pk=pk)
    if batch.target == "people":
        return people_views.people_import_detail(request, batch)
    if batch.status != CompanyImport.Status.PREVIEW:
        return render(request, "transfer/import_detail.html", {"batch": batch})
    org = access.membership(request.user).org
    fields = own_fields.fields_of(org)
    choices = importing.target_choices(fields)
    mapping, remapped = batch.mapping, False
    if request.method == "POST":
        mapping = [request.POST.get(f"col_{i}", "") for i in range(len(batch.mapping))]
        if request.POST.get("action") == "abandon":
            services.abandon_import(batch, by=request.user)
            messages.success(request, _("The list was set aside: nothing was imported."))
            return redirect("transfer:import")
        if request.POST.get("action") == "commit":
            try:
                services.commit_import(batch.content, mapping, by=request.user, batch=batch)
            except importing.ImportRefused as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, _("%(n)s companies imported.") % {"n": batch.created})
                return redirect(batch.get_absolute_url())
        else:
            remapped = True
    try:
        checked = importing.preview(org, request.user, batch.content, mapping, keep=remapped)
    except importing.ImportRefused as exc:
        checked, problem = None, str(exc)
    else:
        problem = ""
    if remapped:  # the new mapping's outcome is what the import starts from
        kept = checked.kept if checked is not None else None
        services.remap_import(batch, mapping, by=request.user, kept=kept)
    shown = []
    if checked is not None:
        creating = 0
        for row in checked.rows:
            if row.action == "create":
                creating += 1
                if creating > PREVIEW_ROWS:
                    continue
            shown.append(row)
    return render(
        request,
        "transfer/import_detail.html",
        {
            "batch": batch,
            "checked": checked,
            "problem": problem,
            "rows": shown,
            "columns": list(zip(range(len(batch.mapping)), _headers(batch), mapping, strict=False)),
            "choices": choices,
            "counts": {a: checked.count(a) for a in ("create", "skip", "error")} if checked else {},
            "hidden_creates": checked and max(0, checked.count("create") - PREVIEW_ROWS),
        },
    )


def _headers(batch: CompanyImport) -> list[str]:
    return next(rows(batch.content), (0, []))[1]
