"""Business-calendar pages: a user's own days off."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from eigyo.accounts import access
from eigyo.core import clock
from eigyo.core.views import deny_unless
from eigyo.worktime import services
from eigyo.worktime.forms import DateEntryForm
from eigyo.worktime.models import DayOff


@login_required
@require_http_methods(["GET", "POST"])
def days_off(request: HttpRequest) -> HttpResponse:
    """The user's own days off: nothing is planned on them."""
    deny_unless(access.membership(request.user) is not None)
    form = DateEntryForm(request.POST or None)
    if request.method == "POST":
        if "remove" in request.POST:
            services.remove_day_off(by=request.user, pk=request.POST["remove"])
            return redirect("worktime:days_off")
        if form.is_valid():
            services.set_day_off(
                by=request.user, date=form.cleaned_data["date"], note=form.cleaned_data["note"]
            )
            return redirect("worktime:days_off")
    days = DayOff.objects.filter(user=request.user, date__gte=clock.today()).order_by("date")
    return render(
        request,
        "worktime/days_off.html",
        {"form": form, "days": days},
        status=422 if request.method == "POST" else 200,
    )
