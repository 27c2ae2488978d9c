"""Calls created in Dari before a blank opening day meant "the day it is created" have neither
date, so the rule for a call without a closing day (the end of the year after it opened) had
nothing to go by and left them open for ever. They are taken as opened on the day of their
last change (in Korea), the closest record of when they were created. Bundled calls all have an
opening day, so this touches only calls created in Dari."""

from zoneinfo import ZoneInfo

from django.db import migrations

KOREA = ZoneInfo("Asia/Seoul")


def open_undated_calls(apps, schema_editor):
    Program = apps.get_model("directory", "Program")
    undated = Program.objects.filter(kind="open_innovation_call", start="", end="")
    for call in undated.only("pk", "updated"):
        # update(): the model's save() would stamp `updated`, a change the call did not have.
        day = call.updated.astimezone(KOREA).date().isoformat()
        Program.objects.filter(pk=call.pk).update(start=day)


class Migration(migrations.Migration):
    dependencies = [
        ("insights", "0003_korean_text"),
        ("directory", "0015_deal_amounts_as_stated"),
    ]

    # Going back leaves the opening days: a call with one is valid before this migration too.
    operations = [migrations.RunPython(open_undated_calls, migrations.RunPython.noop)]
