"""Meeting rooms are required and unique once every existing meeting has one (a separate
migration: PostgreSQL refuses to alter a table with pending updates in the same transaction)."""

from django.db import migrations, models

import dari.events.models


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0002_coorganizers_rooms_periodic_ticks"),
    ]

    operations = [
        migrations.AlterField(
            model_name="meeting",
            name="room",
            field=models.CharField(
                default=dari.events.models.room_token,
                editable=False,
                max_length=64,
                unique=True,
                verbose_name="video room",
            ),
        ),
    ]
