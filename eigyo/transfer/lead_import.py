"""Importing a lead list (exhibition cards, web-form exports): the lead target of the
import pipeline. Every row is checked with the same LeadForm as a typed lead; a row
that repeats an earlier one (same e-mail, or same company and name) or a lead already
entered for the same campaign is skipped; all rows are written or none."""

from __future__ import annotations

from django.utils.translation import gettext as _

from eigyo.prospecting import lead_services
from eigyo.prospecting.lead_forms import LeadForm
from eigyo.prospecting.models import Lead
from eigyo.transfer import pipeline
from eigyo.transfer.domain import lead_columns as columns

LABELS = {
    "company_name": "会社名",
    "corporate_number": "法人番号",
    "full_name": "氏名",
    "family_name": "姓",
    "given_name": "名",
    "full_kana": "フリガナ",
    "family_kana": "姓カナ",
    "given_kana": "名カナ",
    "title": "役職",
    "email": "メール",
    "phone": "電話番号",
    "source": "流入元",
    "medium": "媒体",
    "campaign": "キャンペーン",
    "note": "問い合わせ内容",
}


class LeadList(pipeline.Target):
    key = "leads"
    required = "company_name"

    def __init__(self, org, user, *, source: str = "", campaign: str = "") -> None:
        super().__init__(org, user)
        self.default_source, self.default_campaign = source, campaign
        self.required_message = _("No column holds the company's name: map one to “会社名”.")
        self.meanwhile_message = _("Leads were added meanwhile; check the file again.")

    def choices(self):
        return [("", _("(ignore)"))] + [(t, LABELS[t]) for t in columns.TARGETS]

    def guess_mapping(self, headers):
        return columns.guess_mapping(headers)

    def row(self, line, cells, mapping):
        got = {t: (cells[i].strip() if i < len(cells) else "") for i, t in enumerate(mapping) if t}
        family, given = got.get("family_name", ""), got.get("given_name", "")
        if not family and got.get("full_name"):
            family, given = columns.split_name(got["full_name"])
        fk, gk = got.get("family_kana", ""), got.get("given_kana", "")
        if not fk and got.get("full_kana"):
            fk, gk = columns.split_name(got["full_kana"])
        data = {
            "company_name": got.get("company_name", ""),
            "corporate_number": got.get("corporate_number", ""),
            "family_name": family,
            "given_name": given,
            "family_kana": fk,
            "given_kana": gk,
            "title": got.get("title", ""),
            "email": got.get("email", ""),
            "phone": got.get("phone", ""),
            "source": columns.source_of(got.get("source", "")) or self.default_source,
            "medium": got.get("medium", ""),
            "campaign": got.get("campaign", "") or self.default_campaign,
            "note": got.get("note", ""),
        }
        return pipeline.Row(line=line, name=data["company_name"], data=data)

    def check(self, rows):
        seen: dict[tuple, int] = {}
        existing = set(
            Lead.objects.filter(org=self.org).exclude(email="").values_list("email", "campaign")
        )
        for row in rows:
            form = LeadForm(row.data, user=self.user)
            if not form.is_valid():
                row.errors = [
                    f"{form.fields[f].label if f in form.fields else f}: {m}"
                    for f, ms in form.errors.items()
                    for m in ms
                ]
                continue
            row.form = form
            email = row.data["email"].lower()
            key = (
                ("email", email)
                if email
                else (
                    "name",
                    row.data["company_name"],
                    row.data["family_name"],
                    row.data["given_name"],
                )
            )
            if key in seen:
                row.duplicate_line = seen[key]
            elif email and (email, row.data["campaign"]) in existing:
                row.duplicate_of = email
            else:
                seen[key] = row.line

    def save(self, row):
        return lead_services.create_lead(row.form, by=self.user)
