"""Small view helpers shared by every app."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render


def deny_unless(allowed: bool) -> None:
    """403 for a visible object the user may not change (invisible ones are 404 earlier)."""
    if not allowed:
        raise PermissionDenied


def form_page(
    request: HttpRequest,
    form,
    *,
    template: str,
    success_message: str,
    save: Callable,
    context: dict | None = None,
) -> HttpResponse:
    """Hand a valid POSTed form to `save` (the app's service: form → saved object)
    and redirect to the object, else render the form again."""
    if request.method == "POST" and form.is_valid():
        obj = save(form)
        messages.success(request, success_message)
        for warning in getattr(form, "warnings", []):  # saved as chosen, but said
            messages.warning(request, warning)
        return redirect(obj.get_absolute_url())
    status = 422 if request.method == "POST" else 200
    return render(request, template, {"form": form, **(context or {})}, status=status)
