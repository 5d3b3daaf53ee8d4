"""Download a list as CSV or .xlsx: the list on screen (its filter and sort), only
the rows the user may see."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_http_methods

from eigyo.core.views import deny_unless
from eigyo.transfer import export_lists  # noqa: F401  (registers the lists)
from eigyo.transfer.exporting import FORMATS, REGISTRY, ExportFile, export_file, may_export


def file_response(export: ExportFile) -> HttpResponse:
    response = HttpResponse(export.content, content_type=export.content_type)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    response["X-Eigyo-Rows"] = str(export.rows)
    response["Cache-Control"] = "no-store"  # personal data: no copy in a shared cache
    return response


@login_required
@require_http_methods(["GET"])
def export_list(request: HttpRequest, key: str, fmt: str) -> HttpResponse:
    export = REGISTRY.get(key)
    if export is None or fmt not in FORMATS:
        raise Http404
    deny_unless(may_export(export, request.user))
    encoding = "cp932" if request.GET.get("encoding") in {"cp932", "sjis", "shift_jis"} else "utf-8"
    return file_response(
        export_file(export, request.user, request.GET, fmt, encoding, via=request.path)
    )
