"""A small real registry shared by the company tests (names and numbers as EDINET
publishes them)."""

import pytest

from eigyo.companies import registry

REGISTRY_SAMPLE = [
    {
        "edinet_code": "E02144",
        "name": "トヨタ自動車株式会社",
        "name_en": "TOYOTA MOTOR CORPORATION",
        "corporate_number": "1180301018771",
        "industry": "輸送用機器",
    },
    {
        "edinet_code": "E01777",
        "name": "ソニーグループ株式会社",
        "name_en": "Sony Group Corporation",
        "corporate_number": "5010401067252",
    },
    {
        "edinet_code": "E01765",
        "name": "日本電気株式会社",
        "name_en": "NEC Corporation",
        "corporate_number": "7010401022916",
    },
    {"edinet_code": "E01766", "name": "日本電気硝子株式会社", "corporate_number": "8160001012233"},
]


@pytest.fixture
def loaded(db):
    """The sample loaded into the registry."""
    registry.load_edinet(REGISTRY_SAMPLE)
