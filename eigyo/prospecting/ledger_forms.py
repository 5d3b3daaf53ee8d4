"""The give-and-take ledger's form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from eigyo.accounts import access
from eigyo.contacts.access import visible_people
from eigyo.core import clock
from eigyo.deals.access import visible_deals
from eigyo.deals.models import DiscountRequest
from eigyo.prospecting.models import Favour


class FavourForm(forms.ModelForm):
    class Meta:
        model = Favour
        fields = [
            "direction",
            "kind",
            "ours",
            "introduced",
            "on",
            "note",
            "report_back_by",
            "discount_request",
        ]
        widgets = {
            "on": forms.DateInput(attrs={"type": "date"}),
            "report_back_by": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, user, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.counterpart = person
        self.fields["ours"].queryset = access.visible_users(user).filter(
            pk__in=access.sales_side(access.membership(user).org_id)
        )
        self.fields["ours"].initial = user.pk
        self.fields["introduced"].queryset = visible_people(user).exclude(pk=person.pk)
        self.fields["introduced"].required = False
        deals = visible_deals(user)
        if person.company_id:
            deals = deals.filter(company=person.company_id)
        self.fields["discount_request"].queryset = DiscountRequest.objects.filter(deal__in=deals)
        self.fields["discount_request"].required = False
        self.initial.setdefault("on", clock.today())

    def clean(self):
        data = super().clean()
        if data.get("kind") == Favour.Kind.INTRODUCTION and not data.get("introduced"):
            self.add_error("introduced", _("Whom was the introduction to?"))
        if data.get("discount_request") and data.get("direction") != Favour.Direction.GIVEN:
            self.add_error(
                "discount_request", _("Only a favour we give can stand in for a discount.")
            )
        return data
