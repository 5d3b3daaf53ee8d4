"""Organisations, users, their roles and teams, and API tokens."""

import hashlib
import secrets

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils.crypto import salted_hmac
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from eigyo.core import clock
from eigyo.core.models import OrgScoped, StampField
from eigyo.lib.names import display_name


class Organisation(models.Model):
    """A company using eigyo: the tenant every domain row belongs to."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(unique=True)
    created_at = StampField()
    require_mfa = models.BooleanField(
        _("require two-factor authentication of everyone"),
        default=False,
        help_text=_("Admins and managers always need it; this asks it of every member."),
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra):
        if not email:
            raise ValueError("email is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in; signs in with their email address.

    Names are stored family / given with kana so Japanese names display
    family-first; language is the user's own UI language.
    """

    class Language(models.TextChoices):
        JA = "ja", "日本語"
        EN = "en", "English"

    email = models.EmailField(_("email"), unique=True)
    family_name = models.CharField(_("family name"), max_length=100, blank=True)
    given_name = models.CharField(_("given name"), max_length=100, blank=True)
    family_kana = models.CharField(_("family name (kana)"), max_length=100, blank=True)
    given_kana = models.CharField(_("given name (kana)"), max_length=100, blank=True)
    language = models.CharField(
        _("language"), max_length=5, choices=Language.choices, default=Language.JA
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("staff"), default=False)
    date_joined = models.DateTimeField(default=clock.now)
    # Raised to end every session of the user at once (a session carries a hash of it).
    session_generation = models.PositiveIntegerField(default=0, editable=False)

    objects = UserManager()
    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        # Latin-script names (a foreign colleague) read given-first; Japanese ones never.
        return display_name(self.family_name, self.given_name, western_order=True) or self.email

    def _get_session_auth_hash(self, secret=None):
        """Django's session check, over the password AND the session generation: a new
        password or a raised generation ends every other session (current one kept by
        `update_session_auth_hash`)."""
        return salted_hmac(
            "eigyo.accounts.User.session_auth_hash",
            f"{self.password}:{self.session_generation}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()

    @cached_property
    def membership(self) -> "Membership | None":
        """The user's role in their organisation (one organisation per user)."""
        return Membership.objects.select_related("org", "partner", "team").filter(user=self).first()


class Role(models.TextChoices):
    ADMIN = "admin", _("Admin")
    MANAGER = "manager", _("Sales manager")
    REP = "rep", _("Salesperson")
    PARTNER = "partner", _("Partner user")
    MARKETING = "marketing", _("Marketing")


class Team(models.Model):
    """A sales team and its manager (the boss who follows up on the reps)."""

    org = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="teams")
    name = models.CharField(_("name"), max_length=100)
    manager = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="managed_teams"
    )

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        constraints = [models.UniqueConstraint(fields=["org", "name"], name="team_name_unique")]

    def __str__(self) -> str:
        return self.name


class Partner(OrgScoped):
    """A distributor, reseller or equity partner selling for the organisation. Its
    users see only the companies and deals assigned to it: the partner is a scope
    of the access rules, so it lives here (what the organisation does with its
    partners, due diligence to contracts, is the partners app's)."""

    class Kind(models.TextChoices):
        DISTRIBUTOR = "distributor", _("Distributor (販売店): buys and resells")
        AGENT = "agent", _("Agent (代理店): sells in our name")
        RESELLER = "reseller", _("Reseller")
        EQUITY = "equity", _("Equity partner")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.DISTRIBUTOR
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        db_table = "partners_partner"  # the table kept its name when the model moved here
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        constraints = [models.UniqueConstraint(fields=["org", "name"], name="partner_name_unique")]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A user's single role in their organisation, their team, and (for
    partner users) the partner firm whose deals they may see."""

    org = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="+")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    team = models.ForeignKey(
        Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="members"
    )
    partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, null=True, blank=True, related_name="users"
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role="partner") | models.Q(partner__isnull=False),
                name="partner_user_has_partner",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.org} ({self.role})"


class ApiToken(models.Model):
    """A personal API token. Only a hash is stored; the secret is shown once."""

    org = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=12)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = StampField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    read_only = models.BooleanField(
        _("read only"), default=False, help_text=_("The token may read but not change.")
    )

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash(secret: str) -> str:
        # The secret has 256 bits of entropy, so a fast hash is enough.
        return hashlib.sha256(secret.encode()).hexdigest()

    @classmethod
    def issue(
        cls, user: User, name: str, *, expires_at=None, read_only: bool = False
    ) -> tuple["ApiToken", str]:
        secret = "eg_" + secrets.token_urlsafe(32)
        token = cls.objects.create(
            org=user.membership.org,
            user=user,
            name=name,
            prefix=secret[:10],
            key_hash=cls.hash(secret),
            expires_at=expires_at,
            read_only=read_only,
        )
        return token, secret

    def is_expired(self, now) -> bool:
        return self.expires_at is not None and self.expires_at <= now


class SavedView(OrgScoped):
    """A list's filters saved under a name ("my 有望 in 東京都"): the user's own, or
    shared with their team."""

    owner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="saved_views")
    list_name = models.CharField(_("list"), max_length=40)  # the list's URL name
    name = models.CharField(_("name"), max_length=100)
    query = models.CharField(_("filters"), max_length=1000, blank=True)
    shared = models.BooleanField(_("shared with my team"), default=False)

    class Meta:
        verbose_name = _("saved view")
        verbose_name_plural = _("saved views")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["org", "owner", "list_name", "name"], name="view_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name


class PasswordResetRequest(models.Model):
    """A password-reset request, kept only for the throttle's window: per address asked
    for (a keyed hash of it, not the address) and per client address. The audit trail
    has each request for good."""

    email_key = models.CharField(max_length=64)
    ip = models.GenericIPAddressField(null=True, blank=True)
    at = models.DateTimeField()

    class Meta:
        verbose_name = _("password-reset request")
        verbose_name_plural = _("password-reset requests")
        indexes = [
            models.Index(fields=["email_key", "at"]),
            models.Index(fields=["ip", "at"]),
            models.Index(fields=["at"]),
        ]

    def __str__(self) -> str:
        return f"reset {self.email_key[:8]}… @{self.at:%Y-%m-%d %H:%M}"

    @staticmethod
    def key(email: str) -> str:
        return salted_hmac("eigyo.password-reset", email.strip().casefold()).hexdigest()
