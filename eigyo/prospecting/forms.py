"""The avatar form: the ideal client profile, with criteria over own fields."""

from django import forms
from django.utils.translation import gettext_lazy

from eigyo.prospecting import criteria
from eigyo.prospecting.models import Avatar
from eigyo.registry.codes import MARKET_SEGMENTS, PREFECTURES, SECTORS_33, SIZE_CLASSES


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
