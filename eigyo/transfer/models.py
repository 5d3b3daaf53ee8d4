"""Data in and out: the record of each uploaded list."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from eigyo.core.models import OrgScoped


class CompanyImport(OrgScoped):
    """An uploaded list: kept between the preview and the import, and afterwards as
    the record of what was imported, into what (`target`: companies, people, leads),
    by whom. The file's content is kept only until the import is committed or
    abandoned, and then for TRANSFER_KEEP_UPLOAD_DAYS more (`eigyo forget_uploads`);
    the record stays. (It kept its first name and table from when only companies
    came in.)"""

    class Status(models.TextChoices):
        PREVIEW = "preview", _("checked, not imported")
        DONE = "done", _("imported")
        ABANDONED = "abandoned", _("abandoned")

    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    target = models.CharField(_("imported into"), max_length=20, default="companies")
    filename = models.CharField(_("file"), max_length=200)
    content = models.TextField()
    mapping = models.JSONField(_("columns"), default=list)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PREVIEW
    )
    created = models.PositiveIntegerField(_("companies created"), default=0)
    skipped = models.PositiveIntegerField(_("duplicates skipped"), default=0)
    merged = models.PositiveIntegerField(_("duplicates merged"), default=0)
    # What the target was asked besides the mapping (people: skip or merge duplicates).
    options = models.JSONField(_("options"), default=dict, blank=True)
    imported_at = models.DateTimeField(_("imported at"), null=True, blank=True)
    forgotten_at = models.DateTimeField(_("file deleted at"), null=True, blank=True)

    class Meta:
        db_table = "companies_companyimport"  # the table kept its name when the app split
        verbose_name = _("company import")
        verbose_name_plural = _("company imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.filename

    def get_absolute_url(self) -> str:
        return reverse("transfer:import_detail", args=[self.pk])
