"""API shapes of the registry."""

from ninja import ModelSchema

from eigyo.registry.models import RegistryEntry


class RegistryEntryOut(ModelSchema):
    class Meta:
        model = RegistryEntry
        fields = [
            "id",
            "corporate_number",
            "edinet_code",
            "name",
            "name_en",
            "kana",
            "securities_code",
            "short_name",
            "sector33",
            "market_segment",
            "size_class",
            "is_listed",
            "prefecture",
        ]
