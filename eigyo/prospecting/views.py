"""The spider (similar companies after a win) and the avatar (ideal client) pages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from eigyo.accounts import access
from eigyo.companies import own_fields
from eigyo.companies.access import can_manage_company_fields, visible_companies
from eigyo.core.views import deny_unless
from eigyo.portfolio.access import can_create_relationship
from eigyo.prospecting import services, spider
from eigyo.prospecting.access import can_edit_avatar, can_see_avatar
from eigyo.prospecting.forms import AvatarForm
from eigyo.prospecting.models import Avatar
from eigyo.prospecting.text import REASONS, reason_texts


@login_required
@require_http_methods(["GET", "POST"])
def company_spider(request: HttpRequest, pk: int) -> HttpResponse:
    """Similar companies no one works yet; tick some, they become new approaches."""
    company = access.get_visible(visible_companies(request.user).select_related("registry"), pk=pk)
    deny_unless(can_create_relationship(request.user))
    try:
        limit = min(max(int(request.GET.get("limit", 20)), 1), 100)
    except ValueError:
        limit = 20
    proposals = spider.propose(company, limit=limit)
    if request.method == "POST":
        chosen = {p.entry.pk: p.entry for p in proposals}
        picked = [
            chosen[int(i)]
            for i in request.POST.getlist("entry")
            if i.isdigit() and int(i) in chosen
        ]
        created = services.adopt(
            picked, by=request.user, reason=_("Similar to %(company)s") % {"company": company}
        )
        messages.success(
            request, _("%(n)s companies added as new approaches.") % {"n": len(created)}
        )
        return redirect("portfolio:list")
    return render(
        request,
        "prospecting/spider.html",
        {
            "company": company,
            "proposals": [(p, [REASONS[r] for r in p.reasons]) for p in proposals],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def avatar_page(request: HttpRequest) -> HttpResponse:
    """Edit the ideal client profile (admin, manager); see the best-fitting companies."""
    deny_unless(can_see_avatar(request.user))
    org = access.membership(request.user).org
    avatar = Avatar.objects.filter(org=org).first() or Avatar(org=org)
    can_edit = can_edit_avatar(request.user)
    own = own_fields.fields_of(org)
    form = AvatarForm(request.POST or None, instance=avatar, own=own) if can_edit else None
    if request.method == "POST":
        deny_unless(can_edit)
        if form.is_valid():
            services.save_avatar(form, by=request.user)
            messages.success(request, _("Avatar saved."))
            return redirect("prospecting:avatar")
    fits = [(e, score, reason_texts(reasons)) for e, score, reasons in spider.best_fits(org)]
    ours = [
        (c, score, reason_texts(reasons))
        for c, score, reasons in spider.companies_by_fit(
            org, visible_companies(request.user), fields=own
        )
    ]
    return render(
        request,
        "prospecting/avatar.html",
        {
            "form": form,
            "fits": fits,
            "ours": ours,
            "own": own,
            "can_manage_fields": can_manage_company_fields(request.user),
        },
        status=422 if request.method == "POST" else 200,
    )
