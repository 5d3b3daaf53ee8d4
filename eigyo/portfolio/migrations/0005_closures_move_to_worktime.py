from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("portfolio", "0004_alter_calendarfeed_created_at_and_more"),
        ("worktime", "0001_initial"),
    ]

    # Closures, days off and the closure options belong to the business calendar now
    # (worktime 0001 took the tables and copied the options).
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="Closure"),
                migrations.DeleteModel(name="DayOff"),
            ],
        ),
        migrations.RemoveField(model_name="portfoliosettings", name="closed_golden_week"),
        migrations.RemoveField(model_name="portfoliosettings", name="closed_obon"),
        migrations.RemoveField(model_name="portfoliosettings", name="closed_year_end"),
    ]
