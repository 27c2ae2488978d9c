"""What a reader may see of trials. Trials, sites and the people the registry names are public
registry records; the one thing guarded is the directory asset a trial tests, named only when
the reader may see that asset (through the directory's funnel), else not at all."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from dari.directory.access import with_visible_asset
from dari.trials.models import TrialAsset


def visible_trial_assets(user: Any) -> QuerySet[TrialAsset]:
    """Trial-asset links whose asset `user` may see, each annotated with `visible_asset_id` and
    `visible_asset_name`; a link to an asset the user may not see is left out."""
    return with_visible_asset(TrialAsset.objects.all(), user).filter(visible_asset_id__isnull=False)
