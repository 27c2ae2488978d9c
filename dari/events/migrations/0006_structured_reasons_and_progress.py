"""The optimiser's reasons and a run's progress become codes with parameters, rendered in the
reader's language. Old reasons were English sentences that cannot be read back: they are
cleared (the next run of the scheduler writes them again). Old progress sentences are
converted."""

import re

from django.db import migrations, models

OPTIMISING = re.compile(r"^optimising (\d+) meetings$")
REQUEUED = re.compile(r"^the worker running it stopped \((.*)\); queued again$")


def progress_to_codes(apps, schema_editor):
    ScheduleRun = apps.get_model("events", "ScheduleRun")
    for run in ScheduleRun.objects.exclude(progress=""):
        text, params = run.progress, {}
        if text == "building the problem":
            code = "building"
        elif text == "done":
            code = "done"
        elif m := OPTIMISING.match(text):
            code, params = "optimising", {"meetings": int(m.group(1))}
        elif m := REQUEUED.match(text):
            code, params = "requeued", {"detail": m.group(1)}
        else:
            code = ""
        ScheduleRun.objects.filter(pk=run.pk).update(progress=code, progress_params=params)


def progress_to_text(apps, schema_editor):
    ScheduleRun = apps.get_model("events", "ScheduleRun")
    for run in ScheduleRun.objects.exclude(progress=""):
        params = run.progress_params or {}
        text = {
            "building": "building the problem",
            "optimising": f"optimising {params.get('meetings', 0)} meetings",
            "done": "done",
            "requeued": f"the worker running it stopped ({params.get('detail', '')}); queued again",
        }.get(run.progress, "")
        ScheduleRun.objects.filter(pk=run.pk).update(progress=text[:200])


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0005_reschedule_and_controls"),
    ]

    operations = [
        migrations.AddField(
            model_name="schedulerun",
            name="progress_params",
            field=models.JSONField(blank=True, default=dict, verbose_name="progress details"),
        ),
        migrations.RunPython(progress_to_codes, progress_to_text),
        migrations.RemoveField(model_name="meeting", name="unscheduled_reason"),
        migrations.AddField(
            model_name="meeting",
            name="unscheduled_reason",
            field=models.JSONField(blank=True, default=dict, verbose_name="why not scheduled"),
        ),
    ]
