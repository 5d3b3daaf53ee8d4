"""The admin's page for the whole organisation's archive: ask for one, watch it being
built by the worker (`eigyo export --jobs`), download it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from eigyo.accounts import access
from eigyo.core.htmx import is_htmx
from eigyo.core.views import deny_unless
from eigyo.transfer import archive, export_jobs
from eigyo.transfer.access import can_export_organisation, visible_organisation_exports


@login_required
@require_http_methods(["GET", "POST"])
def archive_index(request: HttpRequest) -> HttpResponse:
    deny_unless(can_export_organisation(request.user))
    if request.method == "POST":
        job = export_jobs.request_archive(by=request.user)
        messages.success(request, _("The archive is being prepared."))
        return redirect(job.get_absolute_url())
    return render(
        request,
        "transfer/archive_index.html",
        {
            "jobs": visible_organisation_exports(request.user).select_related("requested_by")[:20],
            "excluded": {table: _(why) for table, why in archive.EXCLUDED.items()},
            "tables": len(archive.plan()),
        },
    )


@login_required
@require_http_methods(["GET"])
def archive_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = access.get_visible(
        visible_organisation_exports(request.user).select_related("requested_by"), pk=pk
    )
    template = (
        "transfer/_archive_progress.html" if is_htmx(request) else "transfer/archive_detail.html"
    )
    return render(request, template, {"job": job})


@login_required
@require_http_methods(["GET"])
def archive_download(request: HttpRequest, pk: int) -> HttpResponse:
    job = access.get_visible(visible_organisation_exports(request.user), pk=pk)
    if job.status != job.Status.DONE or not job.filename:
        raise Http404
    path = export_jobs.file_of(job)
    if not path.is_file():
        raise Http404
    response = FileResponse(path.open("rb"), as_attachment=True, filename=job.filename)
    response["Cache-Control"] = "no-store"
    return response
