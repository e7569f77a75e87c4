"""period_end is always set (0003 filled it); the index the figures service filters on.
Apart from 0003 so PostgreSQL alters the table in a transaction of its own."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0003_value_period_end_approved"),
    ]

    operations = [
        migrations.AlterField(
            model_name="value",
            name="period_end",
            field=models.DateField(),
        ),
        migrations.AddIndex(
            model_name="value",
            index=models.Index(
                fields=["approved", "period_start", "period_end"], name="value_period"
            ),
        ),
    ]
