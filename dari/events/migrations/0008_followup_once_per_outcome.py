from django.db import migrations, models
from django.db.models import Max


def keep_the_latest(apps, schema_editor):
    """Reports of one outcome by one person repeated before: keep the latest of each."""
    FollowUp = apps.get_model("events", "FollowUp")
    repeated = (
        FollowUp.objects.values("meeting_id", "reported_by_id", "outcome")
        .annotate(last=Max("id"))
        .order_by()
    )
    for row in repeated:
        FollowUp.objects.filter(
            meeting_id=row["meeting_id"],
            reported_by_id=row["reported_by_id"],
            outcome=row["outcome"],
        ).exclude(pk=row["last"]).delete()


class Migration(migrations.Migration):
    dependencies = [("events", "0007_invitations")]

    operations = [
        migrations.RunPython(keep_the_latest, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="followup",
            constraint=models.UniqueConstraint(
                fields=("meeting", "reported_by", "outcome"), name="followup_once_per_outcome"
            ),
        ),
    ]
