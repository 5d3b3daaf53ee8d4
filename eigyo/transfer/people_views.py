"""Importing people (card apps, address books, CRMs, vCard, Excel): upload, check
every row (preview), then import all or nothing; and people as vCard files."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from eigyo.accounts import access
from eigyo.contacts.access import visible_people
from eigyo.contacts.filters import PersonFilter
from eigyo.core.lists import filter_from_query
from eigyo.core.views import deny_unless
from eigyo.transfer import pipeline, services, vcards
from eigyo.transfer.access import can_import_people, visible_company_imports
from eigyo.transfer.domain.company_columns import rows as csv_rows
from eigyo.transfer.models import CompanyImport
from eigyo.transfer.people_import import TEMPLATE_HEADERS, PeopleList

PREVIEW_ROWS = 200  # rows shown besides every error, duplicate and merge
DUPLICATE_CHOICES = [
    ("skip", gettext_lazy("Skip people already here")),
    ("merge", gettext_lazy("Merge them: fill in what is missing, add the card exchanges")),
]


class PeopleUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy(
            "CSV (UTF-8, Shift_JIS or UTF-16), Excel (.xlsx) or vCard (.vcf), with a header "
            "row: Eight, Sansan, Google Contacts, Outlook, Salesforce, HubSpot or our template."
        ),
    )
    sheet = forms.CharField(
        label=gettext_lazy("Sheet (Excel)"),
        required=False,
        max_length=100,
        help_text=gettext_lazy("The first sheet when empty."),
    )
    on_duplicate = forms.ChoiceField(
        label=gettext_lazy("People already here"),
        choices=DUPLICATE_CHOICES,
        initial="skip",
        widget=forms.RadioSelect,
    )
    provider = forms.CharField(
        label=gettext_lazy("Received from (a third party)"),
        required=False,
        max_length=200,
        help_text=gettext_lazy(
            "Only for a list from outside: a purchased list, a partner's or an event "
            "organiser's cards. Leave empty for your own cards."
        ),
    )
    obtained = forms.CharField(
        label=gettext_lazy("How they obtained it"),
        required=False,
        max_length=300,
        help_text=gettext_lazy("e.g. 展示会の来場者登録（同意あり）"),
    )

    def clean(self):
        data = super().clean()
        if data.get("provider", "").strip() and not data.get("obtained", "").strip():
            # the privacy law's record of receipt names both (APPI 確認記録)
            self.add_error("obtained", gettext_lazy("Say how the provider obtained the data."))
        return data


def _receipt(data) -> dict:
    """The third party a list came from, kept with the upload until it is committed."""
    provider = data.get("provider", "").strip()
    return {"provider": provider, "obtained": data["obtained"].strip()} if provider else {}


@login_required
@require_http_methods(["GET", "POST"])
def people_import_start(request: HttpRequest) -> HttpResponse:
    deny_unless(can_import_people(request.user))
    form = PeopleUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        on_duplicate = form.cleaned_data["on_duplicate"]
        try:
            text = pipeline.read_file(
                upload.read(pipeline.MAX_BYTES + 1), form.cleaned_data["sheet"]
            )
            target = services.people_target(request.user, on_duplicate=on_duplicate)
            checked = pipeline.preview(target, text, keep=True)
        except pipeline.ImportRefused as exc:
            form.add_error("file", str(exc))
        else:
            batch = services.start_import(
                by=request.user,
                filename=upload.name,
                text=text,
                mapping=checked.mapping,
                target="people",
                options={"on_duplicate": on_duplicate, **_receipt(form.cleaned_data)},
                kept=checked.kept,
            )
            return redirect(batch.get_absolute_url())
    recent = (
        visible_company_imports(request.user).filter(target="people").select_related("created_by")
    )[:10]
    return render(
        request,
        "transfer/people_import_start.html",
        {"form": form, "recent": recent, "headers": TEMPLATE_HEADERS},
        status=422 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET"])
def people_import_template(request: HttpRequest) -> HttpResponse:
    """An empty list with our headers (UTF-8 with BOM, so Excel reads it)."""
    deny_unless(can_import_people(request.user))
    response = HttpResponse(
        "\ufeff" + ",".join(TEMPLATE_HEADERS) + "\r\n", content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="people.csv"'
    return response


def people_import_detail(request: HttpRequest, batch: CompanyImport) -> HttpResponse:
    """The preview of an uploaded list of people (import_detail dispatches here)."""
    if batch.status != CompanyImport.Status.PREVIEW:
        return render(request, "transfer/people_import_detail.html", {"batch": batch})
    on_duplicate = batch.options.get("on_duplicate", "skip")
    mapping, remapped = batch.mapping, False
    if request.method == "POST":
        mapping = [request.POST.get(f"col_{i}", "") for i in range(len(batch.mapping))]
        if request.POST.get("on_duplicate") in ("skip", "merge"):
            on_duplicate = request.POST["on_duplicate"]
        action = request.POST.get("action")
        if action == "abandon":
            services.abandon_import(batch, by=request.user)
            messages.success(request, _("The list was set aside: nothing was imported."))
            return redirect("transfer:people_import")
        if action == "commit":
            try:
                services.commit_people(
                    batch.content,
                    mapping,
                    by=request.user,
                    on_duplicate=on_duplicate,
                    batch=batch,
                )
            except pipeline.ImportRefused as exc:
                messages.error(request, str(exc))
            else:
                messages.success(
                    request,
                    _("%(n)s people imported, %(m)s merged.")
                    % {"n": batch.created, "m": batch.merged},
                )
                return redirect(batch.get_absolute_url())
        else:
            remapped = True
    target = services.people_target(request.user, on_duplicate=on_duplicate)
    try:
        checked = pipeline.preview(target, batch.content, mapping, keep=remapped)
    except pipeline.ImportRefused as exc:
        checked, problem = None, str(exc)
    else:
        problem = ""
    if remapped:  # the new mapping's outcome is what the import starts from
        services.remap_import(
            batch,
            mapping,
            by=request.user,
            options={"on_duplicate": on_duplicate},
            kept=checked.kept if checked is not None else None,
        )
    shown, hidden = [], 0
    if checked is not None:
        for row in checked.rows:
            if row.action == "create" and len(shown) >= PREVIEW_ROWS:
                hidden += 1
                continue
            shown.append(row)
    headers = next(csv_rows(batch.content), (0, []))[1] if batch.content else []
    return render(
        request,
        "transfer/people_import_detail.html",
        {
            "batch": batch,
            "checked": checked,
            "problem": problem,
            "rows": shown,
            "hidden_creates": hidden,
            "format": target.format_label,
            "on_duplicate": on_duplicate,
            "duplicate_choices": DUPLICATE_CHOICES,
            "columns": list(zip(range(len(batch.mapping)), headers, mapping, strict=False)),
            "choices": PeopleList(None, None).choices(),
            "counts": {a: checked.count(a) for a in ("create", "merge", "skip", "error")}
            if checked
            else {},
        },
    )


@login_required
@require_http_methods(["GET"])
def people_vcard(request: HttpRequest) -> HttpResponse:
    """The people list as the viewer sees it, with the list's filter, as vCard 3.0."""
    filters = filter_from_query(PersonFilter, request.GET)
    people = vcards.exportable(filters.filter(visible_people(request.user)))
    return vcards.response(request, people, "people.vcf", action="export")


@login_required
@require_http_methods(["GET"])
def person_vcard(request: HttpRequest, pk: int) -> HttpResponse:
    """One person's card (404 for a person the viewer may not see)."""
    person = access.get_visible(visible_people(request.user), pk=pk)
    return vcards.response(
        request,
        visible_people(request.user).filter(pk=person.pk),
        f"person-{pk}.vcf",
        action="export",
    )
