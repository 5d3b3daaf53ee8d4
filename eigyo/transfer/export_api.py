"""GET /api/<list>/export: each exportable list as CSV or .xlsx, with the list's own
filter parameters (the same FilterSchema as GET /api/<list>)."""

from typing import Literal

from django.http import HttpRequest
from ninja import Query, Router

from eigyo.core.api import Forbidden
from eigyo.transfer import export_lists  # noqa: F401  (registers the lists)
from eigyo.transfer.export_views import file_response
from eigyo.transfer.exporting import REGISTRY, ListExport, export_file, may_export

router = Router(tags=["export"])

# The API path of each list (its GET /api/... list endpoint), where it differs.
API_PATHS = {"portfolio": "relationships"}


def _add(export: ListExport) -> None:
    def handler(
        request: HttpRequest,
        filters: Query[export.filter],  # type: ignore[name-defined]
        format: Literal["csv", "xlsx"] = "csv",
        encoding: Literal["utf-8", "cp932"] = "utf-8",
        sort: str | None = None,
    ):
        if not may_export(export, request.user):
            raise Forbidden
        params = {k: v for k, v in filters.model_dump().items() if v is not None}
        params = {k: str(v).lower() if isinstance(v, bool) else str(v) for k, v in params.items()}
        if sort:
            params["sort"] = sort
        return file_response(
            export_file(export, request.user, params, format, encoding, via=request.path)
        )

    handler.__name__ = f"export_{export.key}"
    handler.__doc__ = (
        f"The {export.key} list as CSV (UTF-8 with BOM, or cp932) or .xlsx, filtered like "
        f"the list; only the rows the caller may see."
    )
    path = API_PATHS.get(export.key, export.key)
    router.get(f"/{path}/export", response={200: None}, operation_id=f"export_{export.key}")(
        handler
    )


for _export in REGISTRY.values():
    _add(_export)
