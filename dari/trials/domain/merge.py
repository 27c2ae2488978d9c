"""`merge_registry_copies`: fold the organisations a registry import made of a company the
directory already holds ("Eli Lilly and Company" next to the curated "Eli Lilly") into that
organisation, in a database imported before sponsors resolved by company key.

A copy is an organisation the registry import made (`reg-` id, no bundled site profile) whose
name is a curated alias of another organisation (a bundled site's name, a spelling in
dari/data/trials/sponsor_aliases.json) or, without its legal form (and, failing that, without a
trailing "Pharmaceutical(s)", "Pharm" or "Pharma"), the name of exactly one curated
organisation (`company_keys`). Its trials, sites, investigators, collaborations and
aliases move to the curated organisation, its name stays as an alias (the next import resolves
it there), and the copy is deleted. A copy that something outside the trials app names (a
member, a deal...) is kept and listed. One transaction; `import_studies` runs it first.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from dari.directory import models as dm
from dari.trials.domain.prune import named_elsewhere, registry_made
from dari.trials.domain.stats import refresh_site_facts
from dari.trials.engine.names import bare_company_key, company_key, name_key
from dari.trials.models import Investigator, SiteAlias, SiteProfile, Trial, TrialSite
from dari.trials.vocab import REGISTRY_PREFIX, SiteOrigin

Collaboration = Trial.collaborators.through


@dataclass
class CompanyKeys:
    """The curated organisations (not made by a registry import) by company key, and by the
    key without a trailing word of the trade (`bare_company_key`), each key only where no other
    curated organisation gives it."""

    full: dict[str, str] = field(default_factory=dict)
    bare: dict[str, str] = field(default_factory=dict)

    def find(self, name: str) -> str | None:
        """The one curated organisation `name` names, without its legal form or, failing that
        and only when `name` ends with a trade word, without that word too ("Samjin
        Pharmaceutical Co., Ltd." is "Samjin Pharm"; a site "Seoul" is not "Seoul Pharma")."""
        if not name:
            return None
        key = company_key(name)
        found = self.full.get(key)
        if found is None:
            bare = bare_company_key(name)
            found = self.bare.get(bare) if bare and bare != key else None
        return found

    def __bool__(self) -> bool:
        return bool(self.full)


def _unique(owners: dict[str, set[str]]) -> dict[str, str]:
    # Two companies with one key ("X Co." and "X Inc.") are told apart by nobody: no match.
    return {key: next(iter(ids)) for key, ids in owners.items() if len(ids) == 1}


def company_keys() -> CompanyKeys:
    full: dict[str, set[str]] = {}
    bare: dict[str, set[str]] = {}
    orgs = dm.Organization.objects.exclude(id__startswith=REGISTRY_PREFIX)
    for org_id, name, name_ko in orgs.values_list("id", "name", "name_ko"):
        for text in (name, name_ko):
            if not text:
                continue
            for owners, key in ((full, company_key(text)), (bare, bare_company_key(text))):
                if key:
                    owners.setdefault(key, set()).add(org_id)
    return CompanyKeys(full=_unique(full), bare=_unique(bare))


def curated_aliases() -> dict[str, str]:
    """Alias key -> curated organisation (a bundled site's names, the sponsor-alias table)."""
    rows = SiteAlias.objects.exclude(organization__id__startswith=REGISTRY_PREFIX)
    return dict(rows.values_list("key", "organization_id"))


def registry_copies() -> dict[dm.Organization, str]:
    """Registry-made organisation -> the id of the curated organisation it copies: the one its
    name is a curated alias of ("Hoffmann-La Roche", sponsor_aliases.json), else the one its
    company key names."""
    companies, aliases = company_keys(), curated_aliases()
    if not companies and not aliases:
        return {}
    copies = {}
    for org in registry_made().only("id", "name", "name_ko"):
        target = (
            aliases.get(name_key(org.name))
            or companies.find(org.name)
            or companies.find(org.name_ko)
        )
        if target and target != org.pk:
            copies[org] = target
    return copies


def _move(copy_id: str, target_id: str, name: str) -> None:
    Trial.objects.filter(lead_sponsor_id=copy_id).update(lead_sponsor_id=target_id)
    TrialSite.objects.filter(organization_id=copy_id).update(organization_id=target_id)
    Investigator.objects.filter(organization_id=copy_id).update(organization_id=target_id)
    both = Collaboration.objects.filter(organization_id=target_id).values("trial_id")
    Collaboration.objects.filter(organization_id=copy_id, trial_id__in=both).delete()
    Collaboration.objects.filter(organization_id=copy_id).update(organization_id=target_id)
    SiteAlias.objects.filter(organization_id=copy_id).update(organization_id=target_id)
    key = name_key(name)[:500]
    if key and not SiteAlias.objects.filter(key=key).exists():
        SiteAlias.objects.create(key=key, text=name[:500], organization_id=target_id)
    # A site the registry named under the copy stays a site, under the curated organisation.
    if SiteProfile.objects.filter(organization_id=copy_id).exists():
        if not SiteProfile.objects.filter(organization_id=target_id).exists():
            SiteProfile.objects.create(organization_id=target_id, origin=SiteOrigin.REGISTRY)


def merge_registry_copies(dry_run: bool = False) -> tuple[list[str], list[str]]:
    """(merged, kept): "copy → curated" for each registry copy folded into the curated
    organisation, and the names of the copies kept because something outside the trials app
    refers to them."""
    copies = registry_copies()
    if not copies:
        return [], []
    names = dict(
        dm.Organization.objects.filter(pk__in=set(copies.values())).values_list("pk", "name")
    )
    named = named_elsewhere([org.pk for org in copies])
    merged = {org: target for org, target in copies.items() if org.pk not in named}
    kept = sorted(org.name for org in copies if org not in merged)
    if merged and not dry_run:
        with transaction.atomic():
            for org, target in merged.items():
                _move(org.pk, target, org.name)
            dm.Organization.objects.filter(pk__in=[o.pk for o in merged]).delete()
            refresh_site_facts()
            dm.bump_generation()
    return sorted(f"{org.name} → {names[target]}" for org, target in merged.items()), kept
