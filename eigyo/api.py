"""The JSON API: one NinjaAPI mounting each app's router.

Auth: a personal token (`Authorization: Bearer …`) or the browser session
(with CSRF). Errors are JSON with a clear `detail`; never a 500 for bad input.
"""

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.db import IntegrityError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError
from ninja.security import django_auth

from eigyo.accounts.api_auth import TokenAuth
from eigyo.activities.api import router as activities_router
from eigyo.agenda.api import router as agenda_router
from eigyo.audit.api import router as audit_router
from eigyo.companies.api import router as companies_router
from eigyo.companies.field_api import router as fields_router
from eigyo.contacts.api import router as contacts_router
from eigyo.core.api import Forbidden, FormInvalid
from eigyo.deals.api import router as deals_router
from eigyo.followups.api import router as followups_router
from eigyo.partners.api import router as partners_router
from eigyo.portfolio.api import router as portfolio_router
from eigyo.prospecting.api import router as prospecting_router
from eigyo.prospecting.call_api import router as calls_router
from eigyo.prospecting.lead_api import router as leads_router
from eigyo.prospecting.path_api import router as path_router
from eigyo.registry.api import router as registry_router
from eigyo.transfer.api import router as import_router
from eigyo.transfer.export_api import router as export_router

ERRORS = {
    "401": "Not signed in: no token, a wrong, revoked or expired one.",
    "403": "Seen, but the role (or a read-only token) may not do this.",
    "404": "Not found: missing, out of the caller's sight, or a malformed id (identical).",
    "409": "Conflicts with an existing record (a duplicate).",
    "413": "The request body is too large.",
    "422": "Invalid: `errors` names each field (a field the role may not set included).",
}
ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "detail": {"type": "string"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"field": {"type": "string"}, "message": {"type": "string"}},
            },
        },
    },
    "required": ["detail"],
}


def declare_errors(schema: dict) -> dict:
    """Add to every operation the error answers it can give, all `{"detail", "errors"}`."""
    schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    ref = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for path, operations in schema.get("paths", {}).items():
        for method, operation in operations.items():
            codes = ["401", "403"]
            if "{" in path:
                codes.append("404")
            if operation.get("parameters") or operation.get("requestBody"):
                codes.append("422")
            if method in ("post", "put", "patch"):
                codes.append("409")
            if operation.get("requestBody"):
                codes.append("413")
            responses = operation.setdefault("responses", {})
            for code in codes:
                responses.setdefault(code, {"description": ERRORS[code], "content": ref})
    return schema


class EigyoAPI(NinjaAPI):
    """The API whose OpenAPI document declares its error answers too."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        return declare_errors(schema)


api = EigyoAPI(
    title="eigyo API",
    version="1",
    description="The relationship-selling system for Japan. Authenticate with a personal "
    "token made under Settings → API tokens: `Authorization: Bearer eg_…`.",
    auth=[TokenAuth(), django_auth],
    urls_namespace="api",
)
api.add_router("", registry_router)
api.add_router("", companies_router)
api.add_router("", fields_router)
api.add_router("", prospecting_router)
api.add_router("", import_router)
api.add_router("", export_router)
api.add_router("", contacts_router)
api.add_router("", portfolio_router)
api.add_router("", activities_router)
api.add_router("", agenda_router)
api.add_router("", deals_router)
api.add_router("", followups_router)
api.add_router("", calls_router)
api.add_router("", path_router)
api.add_router("", leads_router)
api.add_router("", audit_router)
api.add_router("", partners_router)


@api.exception_handler(FormInvalid)
def form_invalid(request, exc: FormInvalid):
    detail = (
        _("This conflicts with an existing record.")
        if exc.conflict
        else _("The data is not valid.")
    )
    return api.create_response(
        request, {"detail": detail, "errors": exc.errors}, status=409 if exc.conflict else 422
    )


@api.exception_handler(ValidationError)
def validation_error(request, exc: ValidationError):
    # loc is e.g. ("body", "payload", "legal_name"): name the field the client sent.
    wrappers = {"body", "query", "path", "payload", "filters"}
    errors = [
        {
            "field": ".".join(str(p) for p in e.get("loc", []) if p not in wrappers),
            "message": e.get("msg", ""),
        }
        for e in exc.errors
    ]
    return api.create_response(
        request, {"detail": _("The data is not valid."), "errors": errors}, status=422
    )


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": _("Not found.")}, status=404)


@api.exception_handler(Forbidden)
@api.exception_handler(PermissionDenied)
def forbidden(request, exc):
    return api.create_response(request, {"detail": _("Your role does not allow this.")}, status=403)


@api.exception_handler(AuthenticationError)
def unauthorized(request, exc):
    return api.create_response(
        request, {"detail": _("Authentication required: send a valid API token.")}, status=401
    )


@api.exception_handler(RequestDataTooBig)
def too_big(request, exc):
    return api.create_response(request, {"detail": _("The request body is too large.")}, status=413)


@api.exception_handler(IntegrityError)
def conflict(request, exc):
    return api.create_response(
        request, {"detail": _("This conflicts with an existing record.")}, status=409
    )
