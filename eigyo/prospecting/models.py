"""Prospecting: the organisation's ideal client profile (the avatar)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from eigyo.companies.models import CompanyField
from eigyo.core.models import OrgScoped


class Avatar(OrgScoped):
    """The organisation's ideal client profile: which sectors, sizes, segments and
    prefectures fit, and how much each criterion weighs."""

    name = models.CharField(_("name"), max_length=100, default="Avatar")
    sectors = models.JSONField(_("industries (TSE 33)"), default=list, blank=True)
    size_classes = models.JSONField(_("size classes"), default=list, blank=True)
    segments = models.JSONField(_("market segments"), default=list, blank=True)
    prefectures = models.JSONField(_("prefectures"), default=list, blank=True)
    weight_sector = models.PositiveIntegerField(_("weight: industry"), default=40)
    weight_size = models.PositiveIntegerField(_("weight: size"), default=25)
    weight_segment = models.PositiveIntegerField(_("weight: market segment"), default=15)
    weight_prefecture = models.PositiveIntegerField(_("weight: prefecture"), default=20)
    # Criteria over the organisation's own fields, by key:
    # {"values": [...]} or {"min": n, "max": n}, and {"weight": n}.
    custom_criteria = models.JSONField(_("criteria over own fields"), default=dict, blank=True)

    class Meta:
        db_table = "companies_avatar"  # the table kept its name when the app split
        verbose_name = _("avatar")
        verbose_name_plural = _("avatars")
        constraints = [models.UniqueConstraint(fields=["org"], name="one_avatar_per_org")]

    def __str__(self) -> str:
        return self.name

    def as_domain(self, fields=None):
        """The pure avatar; criteria over own fields need the organisation's fields
        (a criterion whose field was deleted is ignored)."""
        from eigyo.prospecting.domain.similarity import Avatar as DomainAvatar
        from eigyo.prospecting.domain.similarity import CustomCriterion

        if fields is None:
            fields = CompanyField.objects.filter(org=self.org_id)
        custom = []
        for f in fields:
            rule = self.custom_criteria.get(f.key)
            if rule and f.kind != CompanyField.Kind.TEXT:
                custom.append(
                    CustomCriterion(
                        f.key,
                        f.label,
                        int(rule.get("weight", 0)),
                        values=frozenset(rule.get("values", ())),
                        low=rule.get("min"),
                        high=rule.get("max"),
                    )
                )
        return DomainAvatar(
            sectors=frozenset(self.sectors),
            size_classes=frozenset(self.size_classes),
            segments=frozenset(self.segments),
            prefectures=frozenset(self.prefectures),
            weights={
                "sector": self.weight_sector,
                "size": self.weight_size,
                "segment": self.weight_segment,
                "prefecture": self.weight_prefecture,
            },
            custom=tuple(custom),
        )
