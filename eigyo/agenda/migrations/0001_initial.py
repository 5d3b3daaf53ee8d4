import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import eigyo.core.models


def move_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="agenda", model="calendarfeed").exists():
        ContentType.objects.filter(app_label="portfolio", model="calendarfeed").update(
            app_label="agenda"
        )


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("accounts", "0004_partner_alter_membership_partner_and_more"),
        ("portfolio", "0005_closures_move_to_worktime"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    # The calendar feed moved from portfolio: its table stays (state only).
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="CalendarFeed",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("created_at", eigyo.core.models.StampField()),
                        ("updated_at", eigyo.core.models.StampField(on_update=True)),
                        ("token", models.CharField(max_length=64, unique=True)),
                        ("revoked_at", models.DateTimeField(blank=True, null=True)),
                        (
                            "org",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="accounts.organisation",
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="calendar_feeds",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "calendar feed",
                        "verbose_name_plural": "calendar feeds",
                        "db_table": "portfolio_calendarfeed",
                    },
                ),
            ],
        ),
        migrations.RunPython(move_content_type, migrations.RunPython.noop),
    ]
