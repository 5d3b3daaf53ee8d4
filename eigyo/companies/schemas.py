"""API shapes for the organisation's companies."""

from ninja import ModelSchema, Schema

from eigyo.companies.models import Company


class CompanyOut(ModelSchema):
    display_name: str
    custom: dict[str, str | int | bool]

    class Meta:
        model = Company
        fields = [
            "id",
            "legal_name",
            "short_name",
            "name_en",
            "kana",
            "corporate_number",
            "sector33",
            "size_class",
            "market_segment",
            "prefecture",
            "address",
            "postal_code",
            "phone",
            "website",
            "notes",
            "registry",
            "partner",
            "created_at",
            "updated_at",
        ]


class CompanyIn(Schema):
    """Fields a client may send; validated by the same CompanyForm as the UI."""

    legal_name: str | None = None
    short_name: str | None = None
    name_en: str | None = None
    kana: str | None = None
    corporate_number: str | None = None
    sector33: str | None = None
    size_class: str | None = None
    market_segment: str | None = None
    prefecture: str | None = None
    address: str | None = None
    postal_code: str | None = None
    phone: str | None = None
    website: str | None = None
    partner: int | None = None
    notes: str | None = None
    # A new company that looks like an existing one is refused (409) unless an admin
    # creates it knowingly, saying why.
    create_anyway: bool | None = None
    duplicate_reason: str | None = None
    # The organisation's own fields by key; null clears one. Unknown keys are a 422.
    custom: dict[str, str | int | bool | None] | None = None


class RegistryLinkIn(Schema):
    registry: int | None = None
