"""Sign-in, preferences, language switch, API tokens and saved list views."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from eigyo.accounts import access, services
from eigyo.accounts.forms import PreferencesForm, TokenForm
from eigyo.accounts.models import User
from eigyo.core import clock

logout = auth_views.LogoutView.as_view()
password_change = auth_views.PasswordChangeView.as_view(
    template_name="accounts/password_change.html",
    success_url=reverse_lazy("accounts:password_change_done"),
)
password_change_done = auth_views.PasswordChangeDoneView.as_view(
    template_name="accounts/password_change_done.html"
)


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    form = PreferencesForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        services.save_preferences(form, by=request.user)
        messages.success(request, _("Preferences saved."))
        return redirect("accounts:preferences")
    return render(
        request,
        "accounts/preferences.html",
        {"form": form},
        status=422 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def switch_language(request: HttpRequest) -> HttpResponse:
    """One tap from the header: 日本語 ⇄ English, remembered for the user."""
    language = request.POST.get("language")
    if language in User.Language.values:
        services.set_language(by=request.user, language=language)
    nxt = request.POST.get("next") or "/"
    return redirect(nxt if nxt.startswith("/") and not nxt.startswith("//") else "/")


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    if access.membership(request.user) is None:
        return redirect("agenda:home")
    form = TokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        _token, secret = services.issue_token(
            by=request.user,
            name=form.cleaned_data["name"],
            expires_in_days=form.cleaned_data["expires_in"],
            read_only=form.cleaned_data["read_only"],
        )
        form = TokenForm()
    listing = request.user.api_tokens.filter(revoked_at__isnull=True).order_by("-created_at")
    return render(
        request,
        "accounts/tokens.html",
        {"form": form, "tokens": listing, "secret": secret, "now": clock.now()},
    )


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = access.get_visible(request.user.api_tokens.filter(revoked_at__isnull=True), pk=pk)
    services.revoke_token(by=request.user, token=token)
    messages.success(request, _("Token revoked."))
    return redirect("accounts:tokens")


# The lists whose filters can be saved as a named view (their URL names).
SAVABLE_LISTS = {
    "companies:list",
    "contacts:list",
    "portfolio:list",
    "activities:list",
    "deals:list",
}


def _clean_query(query: str) -> str:
    """The list's filters without the page number (a view starts on page 1)."""
    params = QueryDict(query[:1000], mutable=True)
    params.pop("page", None)
    return params.urlencode()


@login_required
@require_POST
def save_view(request: HttpRequest) -> HttpResponse:
    list_name = request.POST.get("list_name", "")
    name = request.POST.get("name", "").strip()
    if list_name not in SAVABLE_LISTS or access.membership(request.user) is None:
        raise Http404
    query = _clean_query(request.POST.get("query", ""))
    if not name:
        messages.error(request, _("Give the view a name."))
    else:
        services.save_view(
            by=request.user,
            list_name=list_name,
            name=name,
            query=query,
            shared=request.POST.get("shared") == "on",
        )
        messages.success(request, _("View “%(name)s” saved.") % {"name": name})
    return redirect(f"{reverse(list_name)}?{query}")


@login_required
@require_POST
def delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    view = access.get_visible(
        access.visible_saved_views(request.user).filter(owner=request.user), pk=pk
    )
    services.delete_view(view, by=request.user)
    messages.success(request, _("View “%(name)s” deleted.") % {"name": view.name})
    return redirect(reverse(view.list_name) if view.list_name in SAVABLE_LISTS else "/")
