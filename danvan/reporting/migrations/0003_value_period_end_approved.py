"""Two more copies on each value, so the figures service filters one table on one index:
the period's last day (`period_end`) and whether its report is approved (`approved`)."""

from django.db import migrations, models


def fill(apps, schema_editor):
    from danvan.core.periods import Period

    Value = apps.get_model("reporting", "Value")
    Report = apps.get_model("reporting", "Report")
    # One UPDATE per period (a few hundred at most), not per value.
    pairs = Value.objects.values_list("period_start", "period_type").distinct().order_by()
    for start, type_ in list(pairs):
        Value.objects.filter(period_start=start, period_type=type_).update(
            period_end=Period(start, type_).end
        )
    Value.objects.filter(
        report__in=Report.objects.filter(status="approved").values("pk")
    ).update(approved=True)


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0002_indicator_headline_order"),
    ]

    operations = [
        migrations.AddField(
            model_name="value",
            name="period_end",
            field=models.DateField(null=True),
        ),
        migrations.AddField(
            model_name="value",
            name="approved",
            field=models.BooleanField(default=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]
