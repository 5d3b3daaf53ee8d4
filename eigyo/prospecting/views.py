"""The spider (similar companies after a win) and the avatar (ideal client) pages."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from eigyo.accounts import access
from eigyo.companies import own_fields
from eigyo.companies.access import can_manage_company_fields, visible_companies
from eigyo.core import clock
from eigyo.core.views import deny_unless
from eigyo.portfolio.access import can_create_relationship
from eigyo.prospecting import criteria, spider
from eigyo.prospecting.access import can_edit_avatar, can_see_avatar
from eigyo.prospecting.models import Avatar
from eigyo.registry.codes import MARKET_SEGMENTS, PREFECTURES, SECTORS_33, SIZE_CLASSES

REASONS = {
    "same_sector": gettext_lazy("same industry"),
    "same_size": gettext_lazy("same size"),
    "neighbouring_size": gettext_lazy("neighbouring size"),
    "same_segment": gettext_lazy("same market segment"),
    "same_prefecture": gettext_lazy("same prefecture"),
    "same_region": gettext_lazy("same region"),
    "avatar_fit": gettext_lazy("fits the avatar"),
    "sector": gettext_lazy("industry"),
    "size": gettext_lazy("size"),
    "size_near": gettext_lazy("size (near)"),
    "segment": gettext_lazy("market segment"),
    "prefecture": gettext_lazy("prefecture"),
}


def reason_texts(reasons: list[tuple[str, str]]) -> list[str]:
    """Avatar reasons as words: a criterion over an own field is named by its label."""
    return [value if code == "custom" else str(REASONS[code]) for code, value in reasons]


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
        created = spider.adopt(
            access.membership(request.user).org,
            request.user,
            picked,
            on=clock.today(),
            by=request.user,
            reason=_("Similar to %(company)s") % {"company": company},
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


class AvatarForm(forms.ModelForm):
    sectors = forms.MultipleChoiceField(
        choices=[(c, ja) for c, ja, _en in SECTORS_33],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=gettext_lazy("industries (TSE 33)"),
    )
    size_classes = forms.MultipleChoiceField(
        choices=SIZE_CLASSES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=gettext_lazy("size classes"),
    )
    segments = forms.MultipleChoiceField(
        choices=[(c, ja) for c, ja, _en in MARKET_SEGMENTS],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=gettext_lazy("market segments"),
    )
    prefectures = forms.MultipleChoiceField(
        choices=[(c, ja) for c, ja, _en in PREFECTURES],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=gettext_lazy("prefectures"),
    )

    class Meta:
        model = Avatar
        fields = [
            "name",
            "sectors",
            "size_classes",
            "segments",
            "prefectures",
            "weight_sector",
            "weight_size",
            "weight_segment",
            "weight_prefecture",
        ]

    def __init__(self, *args, own, **kwargs):
        super().__init__(*args, **kwargs)
        self.own = own
        criteria.add_criteria_fields(self, own, self.instance)

    def clean(self):
        data = super().clean()
        criteria.check_range(self, self.own)
        return data

    def save(self, commit=True):
        self.instance.custom_criteria = criteria.criteria_from(self.cleaned_data, self.own)
        return super().save(commit)


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
            form.save()
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
