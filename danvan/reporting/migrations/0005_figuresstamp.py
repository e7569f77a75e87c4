"""The figures stamp: a token the database itself changes with every write that can change a
total, so answers of the figures service can be kept in memory and never be stale.

SQLite: row triggers set a random token. PostgreSQL: statement triggers take the next value of
a sequence (sequences never go back, even when a transaction rolls back, so a token is never
reused for other data).
"""

from django.db import migrations, models

WATCHED = {
    "reporting_value": ("INSERT", "UPDATE", "DELETE"),
    "reporting_report": ("INSERT", "UPDATE", "DELETE"),
    "reporting_indicator": ("INSERT", "UPDATE", "DELETE"),
    "reporting_reportform": ("UPDATE", "DELETE"),
}


def create(apps, schema_editor):
    stamp = apps.get_model("reporting", "FiguresStamp")
    stamp.objects.create(pk=1, token=1)
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for table, events in WATCHED.items():
            for event in events:
                schema_editor.execute(
                    f"CREATE TRIGGER figures_stamp_{table}_{event.lower()} AFTER {event} "
                    f"ON {table} BEGIN "
                    "UPDATE reporting_figuresstamp SET token = random() WHERE id = 1; END"
                )
    elif vendor == "postgresql":
        schema_editor.execute("CREATE SEQUENCE reporting_figures_token START 2")
        schema_editor.execute(
            "CREATE FUNCTION reporting_figures_touch() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN UPDATE reporting_figuresstamp SET token = nextval('reporting_figures_token') "
            "WHERE id = 1; RETURN NULL; END $$"
        )
        for table, events in WATCHED.items():
            schema_editor.execute(
                f"CREATE TRIGGER figures_stamp AFTER {' OR '.join(events)} OR TRUNCATE "
                f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION reporting_figures_touch()"
            )


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for table, events in WATCHED.items():
            for event in events:
                schema_editor.execute(f"DROP TRIGGER IF EXISTS figures_stamp_{table}_{event.lower()}")
    elif vendor == "postgresql":
        for table in WATCHED:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS figures_stamp ON {table}")
        schema_editor.execute("DROP FUNCTION IF EXISTS reporting_figures_touch()")
        schema_editor.execute("DROP SEQUENCE IF EXISTS reporting_figures_token")


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0004_value_period_end_required"),
    ]

    operations = [
        migrations.CreateModel(
            name="FiguresStamp",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("token", models.BigIntegerField(default=0)),
            ],
            options={"verbose_name": "figures stamp"},
        ),
        migrations.RunPython(create, drop),
    ]
