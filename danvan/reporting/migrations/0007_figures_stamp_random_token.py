"""The figures stamp's token is random on both databases, from the first one on.

Answers are now also kept outside the process (a file or Redis cache shared by the server's
processes, `figures._shared`), where they outlive a database that goes back in time: a restored
backup, a test database made again. A PostgreSQL sequence restored by pg_restore hands out the
same tokens again for other data; a random 62-bit token (as SQLite's `random()`) does not.
"""

from django.db import migrations

NEW_STAMP_SQL = "floor(random() * 4.6e18)::bigint"

TOUCH = f"""
CREATE OR REPLACE FUNCTION reporting_figures_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE reporting_figuresstamp SET token = {NEW_STAMP_SQL} WHERE id = 1;
    RETURN NULL;
END $$
"""
TOUCH_APPROVED = f"""
CREATE OR REPLACE FUNCTION reporting_figures_touch_approved() RETURNS trigger LANGUAGE plpgsql
AS $$
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
    UPDATE reporting_figuresstamp SET token = {NEW_STAMP_SQL} WHERE id = 1;
    RETURN NULL;
END $$
"""


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(TOUCH)
        schema_editor.execute(TOUCH_APPROVED)
        schema_editor.execute("DROP SEQUENCE IF EXISTS reporting_figures_token")
        schema_editor.execute(f"UPDATE reporting_figuresstamp SET token = {NEW_STAMP_SQL}")
    elif vendor == "sqlite":
        schema_editor.execute("UPDATE reporting_figuresstamp SET token = random()")


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE SEQUENCE IF NOT EXISTS reporting_figures_token START 2")
        for name in ("reporting_figures_touch", "reporting_figures_touch_approved"):
            function = TOUCH if name == "reporting_figures_touch" else TOUCH_APPROVED
            schema_editor.execute(
                function.replace(NEW_STAMP_SQL, "nextval('reporting_figures_token')")
            )


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0006_figures_stamp_approved_only"),
    ]

    operations = [migrations.RunPython(forward, backward)]
