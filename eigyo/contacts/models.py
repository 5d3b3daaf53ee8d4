"""People at client companies: the buying group's members."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from eigyo.core.models import OrgScoped, org_key
from eigyo.lib import jp_text
from eigyo.lib.names import display_name, name_search_keys, romaji_name


class Seniority(models.IntegerChoices):
    """Japanese corporate rank, highest first (used to weigh influence)."""

    EXECUTIVE = 6, _("Executive (役員)")
    DIVISION_HEAD = 5, _("Division head (本部長)")
    GENERAL_MANAGER = 4, _("General manager (部長)")
    SECTION_MANAGER = 3, _("Section manager (課長)")
    SUPERVISOR = 2, _("Supervisor (係長)")
    STAFF = 1, _("Staff (担当)")
    OTHER = 0, _("Other")


# What the person page and API show of a person (the items a read or export names).
PERSON_ITEMS = ["name", "kana", "company", "department", "title", "email", "phone", "mobile"]


class PersonQuerySet(models.QuerySet):
    def in_use(self):
        """People whose data may still be used (no cessation of use under APPI):
        digests, exports and mailings start here."""
        return self.filter(use_ceased=False)

    def shareable(self):
        """People whose data may go to a third party (a partner, an export for one)."""
        return self.filter(use_ceased=False, provision_stopped=False)


class Person(OrgScoped):
    """A person at a company. Family and given names are kept apart with their
    kana reading; romaji is derived from the kana so "tanaka" finds 田中."""

    org = org_key()  # every index below begins with org
    company = models.ForeignKey(
        "companies.Company",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("company"),
    )
    family_name = models.CharField(_("family name"), max_length=100)
    given_name = models.CharField(_("given name"), max_length=100, blank=True)
    family_kana = models.CharField(_("family name (kana)"), max_length=100, blank=True)
    given_kana = models.CharField(_("given name (kana)"), max_length=100, blank=True)
    family_romaji = models.CharField(_("family name (romaji)"), max_length=100, blank=True)
    given_romaji = models.CharField(_("given name (romaji)"), max_length=100, blank=True)
    department = models.CharField(_("department"), max_length=200, blank=True)
    title = models.CharField(_("title"), max_length=200, blank=True)
    seniority = models.IntegerField(
        _("seniority"), choices=Seniority.choices, default=Seniority.OTHER
    )
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    mobile = models.CharField(_("mobile"), max_length=20, blank=True)
    reports_to = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("reports to"),
    )
    notes = models.TextField(_("notes"), blank=True)
    # Searched with LIKE '%word%', which no B-tree index serves: none is kept.
    search_text = models.CharField(max_length=500, blank=True)
    # Whole-name keys the header search finds by prefix, with an index each.
    name_key = models.CharField(max_length=200, blank=True, editable=False)
    kana_key = models.CharField(max_length=200, blank=True, editable=False)
    romaji_key = models.CharField(max_length=200, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    # APPI Art. 35: the person asked us to stop using their data (kept, not used) or to
    # stop giving it to third parties. Set by the audit app's request handling.
    use_ceased = models.BooleanField(_("use ceased (利用停止)"), default=False)
    provision_stopped = models.BooleanField(_("third-party provision stopped"), default=False)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        indexes = [
            models.Index(fields=["org", "family_kana"]),
            models.Index(fields=["org", "name_key"]),
            models.Index(fields=["org", "kana_key"]),
            models.Index(fields=["org", "romaji_key"]),
            models.Index(fields=["org", "given_name"]),
            models.Index(fields=["org", "given_kana"]),
        ]

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return reverse("contacts:detail", args=[self.pk])

    @property
    def display_name(self) -> str:
        return display_name(self.family_name, self.given_name, western_order=True)

    @property
    def kana_name(self) -> str:
        return " ".join(p for p in (self.family_kana, self.given_kana) if p)

    @property
    def romaji_display(self) -> str:
        return " ".join(p for p in (self.given_romaji, self.family_romaji) if p)

    def save(self, *args, **kwargs):
        self.derive_search_fields()
        super().save(*args, **kwargs)

    def derive_search_fields(self) -> None:
        """Romaji from the kana and the search text (also for bulk_create, which skips save)."""
        if self.family_kana or self.given_kana:
            self.family_romaji, self.given_romaji = romaji_name(self.family_kana, self.given_kana)
        kana = self.family_kana + self.given_kana
        parts = [
            self.family_name + self.given_name,
            jp_text.to_hiragana(kana),
            # Hepburn keeps long vowels ("satou") where passport romaji drops them ("sato").
            jp_text.kana_to_romaji(kana) if kana else "",
            (self.family_romaji + self.given_romaji).lower(),
            (self.given_romaji + self.family_romaji).lower(),
        ]
        self.search_text = " ".join(jp_text.normalize_text(p).casefold() for p in parts if p)
        self.name_key, self.kana_key, self.romaji_key = name_search_keys(
            self.family_name, self.given_name, kana
        )


class Tie(OrgScoped):
    """Who knows whom, beyond what the visit log shows: one of our people and one of
    theirs (a business card swapped, known from before), or two of theirs who know each
    other. Meetings in the visit log are ties of their own, counted when asked."""

    org = org_key()  # its indexes begin with org

    class Source(models.TextChoices):
        CARD = "card", _("Exchanged business cards")
        KNOWN = "known", _("Known personally")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="ties",
        verbose_name=_("one of ours"),
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="ties", verbose_name=_("person")
    )
    other = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="ties_as_other",
        verbose_name=_("knows"),
    )
    source = models.CharField(_("how"), max_length=10, choices=Source.choices)
    strength = models.FloatField(_("how well (0–1)"), default=0.5)
    since = models.DateField(_("since"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("tie")
        verbose_name_plural = _("ties")
        indexes = [
            models.Index(fields=["org", "person"]),
            models.Index(fields=["org", "other"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(user__isnull=False) ^ models.Q(other__isnull=False),
                name="tie_one_of_ours_or_one_of_theirs",
            ),
            models.CheckConstraint(
                condition=models.Q(strength__gt=0) & models.Q(strength__lte=1),
                name="tie_strength_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user or self.other} – {self.person}"

    def get_absolute_url(self) -> str:
        return self.person.get_absolute_url()


class PrivateContact(OrgScoped):
    """One of ours keeps who they know at a company to themselves: colleagues see that
    someone on the team knows the person, not who or how."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("private contact")
        verbose_name_plural = _("private contacts")
        constraints = [
            models.UniqueConstraint(fields=["org", "user", "person"], name="private_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.person}"

    def get_absolute_url(self) -> str:
        return self.person.get_absolute_url()
