"""API shapes for people."""

from ninja import ModelSchema, Schema

from eigyo.contacts.models import Person


class PersonOut(ModelSchema):
    display_name: str
    kana_name: str

    class Meta:
        model = Person
        fields = [
            "id",
            "company",
            "family_name",
            "given_name",
            "family_kana",
            "given_kana",
            "family_romaji",
            "given_romaji",
            "department",
            "title",
            "seniority",
            "email",
            "phone",
            "mobile",
            "reports_to",
            "notes",
            "created_at",
            "updated_at",
        ]


class PersonIn(Schema):
    """Validated by the same PersonForm as the UI."""

    company: int | None = None
    family_name: str | None = None
    given_name: str | None = None
    family_kana: str | None = None
    given_kana: str | None = None
    department: str | None = None
    title: str | None = None
    seniority: int | None = None
    email: str | None = None
    phone: str | None = None
    mobile: str | None = None
    reports_to: int | None = None
    notes: str | None = None
