"""The figures stamp changes only when approved figures change (or the catalogue).

Kept answers are of approved figures only (`figures._cache_key`), so saving a draft, importing
into a draft or sending a report no longer throws them away, and on PostgreSQL those writes no
longer queue on the stamp row: only approving, sending back and catalogue changes touch it.

A report's own row is no longer watched: what the figures read of it (its form, organisation,
status) is copied onto its values or never changes once written; approving or sending back
changes the values' `approved` copy in the same step, which the value triggers see.

SQLite: row triggers with a WHEN on the row's `approved`. PostgreSQL: statement triggers that
look at the statement's transition tables, so a 50,000-row UPDATE of drafts costs one scan of
them and no write to the stamp row.
"""

from django.db import migrations

SQLITE_VALUE = {
    "insert": "NEW.approved",
    "update": "OLD.approved OR NEW.approved",
    "delete": "OLD.approved",
}
OLD_SQLITE = {
    "reporting_value": ("INSERT", "UPDATE", "DELETE"),
    "reporting_report": ("INSERT", "UPDATE", "DELETE"),
}

PG_VALUE_FUNCTION = """
CREATE FUNCTION reporting_figures_touch_approved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- plpgsql plans a statement when it first runs it: each branch names only the transition
    -- tables its trigger declares.
    IF TG_OP = 'INSERT' THEN
        IF NOT EXISTS (SELECT 1 FROM changed_new WHERE approved) THEN RETURN NULL; END IF;
    ELSIF TG_OP = 'DELETE' THEN
        IF NOT EXISTS (SELECT 1 FROM changed_old WHERE approved) THEN RETURN NULL; END IF;
    ELSE
        IF NOT EXISTS (SELECT 1 FROM changed_new WHERE approved)
           AND NOT EXISTS (SELECT 1 FROM changed_old WHERE approved) THEN
            RETURN NULL;
        END IF;
    END IF;
    UPDATE reporting_figuresstamp SET token = nextval('reporting_figures_token') WHERE id = 1;
    RETURN NULL;
END $$
"""
PG_VALUE_TRIGGERS = {
    "insert": "AFTER INSERT ON reporting_value REFERENCING NEW TABLE AS changed_new",
    "update": (
        "AFTER UPDATE ON reporting_value "
        "REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed_new"
    ),
    "delete": "AFTER DELETE ON reporting_value REFERENCING OLD TABLE AS changed_old",
}


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for table, events in OLD_SQLITE.items():
            for event in events:
                schema_editor.execute(f"DROP TRIGGER IF EXISTS figures_stamp_{table}_{event.lower()}")
        for event, when in SQLITE_VALUE.items():
            schema_editor.execute(
                f"CREATE TRIGGER figures_stamp_reporting_value_{event} AFTER {event.upper()} "
                f"ON reporting_value WHEN {when} BEGIN "
                "UPDATE reporting_figuresstamp SET token = random() WHERE id = 1; END"
            )
    elif vendor == "postgresql":
        schema_editor.execute("DROP TRIGGER IF EXISTS figures_stamp ON reporting_value")
        schema_editor.execute("DROP TRIGGER IF EXISTS figures_stamp ON reporting_report")
        schema_editor.execute(PG_VALUE_FUNCTION)
        for event, clause in PG_VALUE_TRIGGERS.items():
            schema_editor.execute(
                f"CREATE TRIGGER figures_stamp_{event} {clause} "
                "FOR EACH STATEMENT EXECUTE FUNCTION reporting_figures_touch_approved()"
            )
        schema_editor.execute(
            "CREATE TRIGGER figures_stamp AFTER TRUNCATE ON reporting_value "
            "FOR EACH STATEMENT EXECUTE FUNCTION reporting_figures_touch()"
        )


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for event in SQLITE_VALUE:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS figures_stamp_reporting_value_{event}")
        for table, events in OLD_SQLITE.items():
            for event in events:
                schema_editor.execute(
                    f"CREATE TRIGGER figures_stamp_{table}_{event.lower()} AFTER {event} "
                    f"ON {table} BEGIN "
                    "UPDATE reporting_figuresstamp SET token = random() WHERE id = 1; END"
                )
    elif vendor == "postgresql":
        for event in PG_VALUE_TRIGGERS:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS figures_stamp_{event} ON reporting_value")
        schema_editor.execute("DROP TRIGGER IF EXISTS figures_stamp ON reporting_value")
        schema_editor.execute("DROP FUNCTION IF EXISTS reporting_figures_touch_approved()")
        for table in ("reporting_value", "reporting_report"):
            schema_editor.execute(
                f"CREATE TRIGGER figures_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
                f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION reporting_figures_touch()"
            )


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0005_figuresstamp"),
    ]

    operations = [migrations.RunPython(forward, backward)]
