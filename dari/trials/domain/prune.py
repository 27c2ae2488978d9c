"""`prune_non_organisations`: remove the organisations an earlier import made of a person, a
place (dari/trials/engine/notorg.py) or a placeholder site ("Clinical Trial Site",
dari/trials/engine/names.py) from a database that still holds them.

Only an organisation the registry import made (`reg-` id, no bundled site profile) and that
nothing outside the trials app names (no member, deal, asset, event...) is removed; its trials
keep the registry's text (sponsor as registered, facility) and lose the link. One transaction.
"""

from __future__ import annotations

from collections.abc import Collection

from django.db import transaction
from django.db.models import ForeignObjectRel, QuerySet

from dari.directory import models as dm
from dari.trials.domain.stats import refresh_site_facts
from dari.trials.engine.names import is_anonymous_site
from dari.trials.engine.notorg import not_an_organisation
from dari.trials.models import Investigator, Trial, TrialSite
from dari.trials.vocab import REGISTRY_PREFIX, SiteOrigin

_TRIALS_APP = "trials"


def registry_made() -> QuerySet[dm.Organization]:
    """The organisations a registry import made (`reg-` id) that are no bundled site."""
    return dm.Organization.objects.filter(id__startswith=REGISTRY_PREFIX).exclude(
        site_profile__origin=SiteOrigin.BUNDLED
    )


def named_elsewhere(ids: Collection[str]) -> set[str]:
    """The ids among `ids` that a record outside the trials app refers to (one query per
    relation, whatever the number of ids)."""
    left, named = set(ids), set[str]()
    for rel in dm.Organization._meta.related_objects:
        model = rel.related_model
        if not left:
            break
        if not isinstance(rel, ForeignObjectRel) or model._meta.app_label == _TRIALS_APP:
            continue
        if rel.many_to_many:
            column = rel.field.m2m_reverse_field_name()  # the through table's organisation
            rows = rel.through._default_manager.filter(**{f"{column}__in": left})
            found = rows.values_list(f"{column}_id", flat=True)
        else:
            found = model._default_manager.filter(**{f"{rel.field.name}__in": left}).values_list(
                rel.field.attname, flat=True
            )
        hits = set(found.distinct())
        named |= hits
        left -= hits
    return named


def prune_non_organisations(dry_run: bool = False) -> tuple[list[str], list[str]]:
    """(removed, kept) names: the registry-made organisations named like a person, a place or a
    placeholder, removed unless something outside the trials app refers to them."""
    candidates = [
        o
        for o in registry_made().only("id", "name")
        if not_an_organisation(o.name) or is_anonymous_site(o.name)
    ]
    named = named_elsewhere([o.pk for o in candidates])
    removed = [o for o in candidates if o.pk not in named]
    kept = [o.name for o in candidates if o.pk in named]
    if removed and not dry_run:
        ids = [o.pk for o in removed]
        with transaction.atomic():
            Trial.objects.filter(lead_sponsor_id__in=ids).update(lead_sponsor=None)
            TrialSite.objects.filter(organization_id__in=ids).update(organization=None)
            Investigator.objects.filter(organization_id__in=ids).update(organization=None)
            Trial.collaborators.through.objects.filter(organization_id__in=ids).delete()
            dm.Organization.objects.filter(pk__in=ids).delete()
            refresh_site_facts()
            dm.bump_generation()
    return sorted(o.name for o in removed), sorted(kept)
