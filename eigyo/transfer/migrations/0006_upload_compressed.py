"""An uploaded list's text kept compressed (CompanyImport.upload) instead of as text."""

import zlib

from django.db import migrations, models


def compress(apps, schema_editor):
    CompanyImport = apps.get_model("transfer", "CompanyImport")
    for batch in CompanyImport.objects.exclude(content="").only("pk", "content").iterator(
        chunk_size=20
    ):
        data = zlib.compress(batch.content.encode("utf-8", "surrogatepass"), 1)
        CompanyImport.objects.filter(pk=batch.pk).update(upload=data)


def decompress(apps, schema_editor):
    CompanyImport = apps.get_model("transfer", "CompanyImport")
    for batch in CompanyImport.objects.exclude(upload=b"").only("pk", "upload").iterator(
        chunk_size=20
    ):
        text = zlib.decompress(batch.upload).decode("utf-8", "surrogatepass")
        CompanyImport.objects.filter(pk=batch.pk).update(content=text)


class Migration(migrations.Migration):
    dependencies = [("transfer", "0005_import_check")]

    operations = [
        migrations.AddField(
            model_name="companyimport",
            name="upload",
            field=models.BinaryField(default=b"", editable=False),
        ),
        migrations.RunPython(compress, decompress),
        migrations.RemoveField(model_name="companyimport", name="content"),
    ]
