from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("portfolio", "0005_closures_move_to_worktime"),
        ("agenda", "0001_initial"),
    ]

    # The calendar feed belongs to the agenda now (agenda 0001 took the table).
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="CalendarFeed")],
        ),
    ]
