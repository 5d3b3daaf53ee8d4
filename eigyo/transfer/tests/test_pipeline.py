"""The pipeline is one for every kind of list: a new target brings only its fields,
its row conversion, its checks and its save; decoding, mapping, refusals, all or
nothing and the record come from the pipeline."""

import pytest

from eigyo.transfer import pipeline
from eigyo.transfer.models import CompanyImport


class Memo(pipeline.Target):
    """A toy target: a list of memos, each needing a title; a repeated title is a duplicate."""

    key = "memos"
    required = "title"
    required_message = "map a column to the title"
    meanwhile_message = "memos were added meanwhile"

    def __init__(self, org, user, existing=()):
        super().__init__(org, user)
        self.existing, self.written = set(existing), []

    def choices(self):
        return [("", "(ignore)"), ("title", "Title"), ("body", "Body")]

    def guess_mapping(self, headers):
        return [{"件名": "title", "本文": "body"}.get(h, "") for h in headers]

    def row(self, line, cells, mapping):
        data = {t: c.strip() for t, c in zip(mapping, cells, strict=False) if t}
        return pipeline.Row(line=line, name=data.get("title", ""), data=data)

    def check(self, rows):
        seen = {}
        for row in rows:
            if not row.name:
                row.errors.append("the title is missing")
            elif row.name in self.existing:
                row.duplicate_of = row.name
            elif row.name in seen:
                row.duplicate_line = seen[row.name]
            seen.setdefault(row.name, row.line)

    def save(self, row):
        self.written.append(row.data)
        return row.data


def test_preview_maps_checks_and_finds_duplicates():
    text = pipeline.read_file(
        "件名,本文,メモ\n会議,議事録,x\n会議,再送,y\n既存,z,\n".encode("cp932")
    )
    result = pipeline.preview(Memo(None, None, existing={"既存"}), text)
    assert result.mapping == ["title", "body", ""]
    assert [r.action for r in result.rows] == ["create", "skip", "skip"]
    assert result.rows[1].duplicate_line == 2 and result.rows[2].duplicate_of == "既存"


def test_refusals_come_from_the_pipeline():
    memo = Memo(None, None)
    with pytest.raises(pipeline.ImportRefused, match="map a column to the title"):
        pipeline.preview(memo, "本文\nx\n")
    with pytest.raises(pipeline.ImportRefused, match="nonsense"):
        pipeline.preview(memo, "件名\nx\n", ["nonsense"])
    with pytest.raises(pipeline.ImportRefused):
        pipeline.preview(memo, "")
    with pytest.raises(pipeline.ImportRefused):
        pipeline.read_file(b"PK\x03\x04 an Excel workbook")


@pytest.mark.django_db
def test_all_or_nothing_and_the_record(actors):
    memo = Memo(actors.org, actors.admin)
    with pytest.raises(pipeline.ImportRefused):
        pipeline.commit(memo, "件名,本文\n会議,a\n,b\n")  # line 3 has no title
    assert memo.written == []
    done = pipeline.commit_recorded(memo, "件名,本文\n会議,a\n朝会,b\n", filename="memos.csv")
    assert [r.saved["title"] for r in done.rows] == ["会議", "朝会"]
    record = CompanyImport.objects.get()
    assert (record.target, record.created, record.status) == ("memos", 2, "done")
    assert record.created_by == actors.admin and record.filename == "memos.csv"
