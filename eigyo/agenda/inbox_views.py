"""The inbox pages: what the user should look at, newest first; opening a line marks
it read and goes to its page. The notices themselves are followups.inbox's."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from eigyo.accounts import access
from eigyo.audit.access import audits, visible_requests
from eigyo.audit.models import SubjectRequest
from eigyo.core import clock
from eigyo.followups import inbox

PAGE = 200


@login_required
@require_http_methods(["GET"])
def inbox_page(request: HttpRequest) -> HttpResponse:
    """My inbox: every notice whose object I may still see; ?unread=1 for the unread."""
    inbox.refresh(request.user, request.session)
    unread_only = request.GET.get("unread") == "1"
    items = inbox.items(request.user, unread_only=unread_only, limit=PAGE)
    return render(
        request,
        "agenda/inbox.html",
        {
            "items": items,
            "unread_only": unread_only,
            "unread": inbox.unread_count(request.user),
            "appi_requests": _open_requests(request.user),
            "today": clock.today(),
        },
    )


def _open_requests(user) -> list:
    """An admin's open data-subject requests with their internal deadlines, soonest
    first, from the day they are registered (the notices come near the deadline)."""
    if not audits(user):
        return []
    return list(
        visible_requests(user)
        .filter(status=SubjectRequest.Status.OPEN)
        .select_related("person")
        .order_by("due_on", "pk")[:PAGE]
    )


@login_required
@require_http_methods(["GET", "POST"])
def open_notice(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one notice read and go to its page (404 for another's or one out of sight)."""
    notice = access.get_visible(inbox.notices_of(request.user), pk=pk)
    (item,) = inbox.visible([notice], request.user) or [None]
    if item is None:
        raise Http404
    inbox.mark_read(notice, by=request.user)
    return redirect(item.url)


@login_required
@require_POST
def read_all(request: HttpRequest) -> HttpResponse:
    n = inbox.mark_all_read(by=request.user)
    if n:
        messages.success(request, _("All marked read."))
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = "agenda:inbox"
    return redirect(back)
