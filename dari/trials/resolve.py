"""Names -> directory organisations: a site or sponsor name resolves through its key (case,
spaces and punctuation ignored) to the organisation whose name, Korean name or alias has that
key, else through its company key (the name without its legal form: "Eli Lilly and Company" is
the directory's "Eli Lilly", dari/trials/engine/names.py) to the one curated organisation with
that key; an unknown name becomes a new organisation marked as coming from the registry, unless it
names a person or a place (dari/trials/engine/notorg.py): then no organisation is made."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from dari.directory import models as dm
from dari.trials.domain.merge import CompanyKeys, company_keys
from dari.trials.engine.names import (
    name_key,
    name_variants,
    near_key,
    site_kind,
    site_name,
)
from dari.trials.engine.notorg import not_an_organisation
from dari.trials.models import SiteAlias, SiteProfile
from dari.trials.vocab import REGISTRY_PREFIX, SiteOrigin

# A sponsor's class says what kind of organisation it is, as far as the registry knows.
SPONSOR_KIND = {
    "INDUSTRY": "pharma",
    "NIH": "government",
    "FED": "government",
    "OTHER_GOV": "government",
    "NETWORK": "association",
}


def registry_org_id(name: str) -> str:
    """A stable id for an organisation first met in a registry (same name, same id)."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")[:48].strip("-")
    digest = hashlib.sha1(name_key(name).encode()).hexdigest()[:8]
    return f"{REGISTRY_PREFIX}{slug}-{digest}" if slug else f"{REGISTRY_PREFIX}{digest}"


@dataclass
class Resolver:
    """Resolves names in bulk; `save()` writes the organisations it had to create."""

    keys: dict[str, str] = field(default_factory=dict)
    # The keys of the bundled sites' names and aliases: a site name one letter away from one
    # of them is a misspelling of it ("Sevrance Hospital").
    site_keys: dict[str, str] = field(default_factory=dict)
    companies: CompanyKeys = field(default_factory=CompanyKeys)
    new_orgs: dict[str, dm.Organization] = field(default_factory=dict)
    new_aliases: dict[str, SiteAlias] = field(default_factory=dict)
    new_sites: set[str] = field(default_factory=set)

    @classmethod
    def load(cls) -> Resolver:
        keys: dict[str, str] = {}
        for org_id, name, name_ko in dm.Organization.objects.values_list("id", "name", "name_ko"):
            for text in (name_ko, name):
                if text:
                    keys.setdefault(name_key(text), org_id)
        # Aliases are the curated answer: they win over a plain name.
        keys.update(SiteAlias.objects.values_list("key", "organization_id"))
        bundled = set(
            SiteProfile.objects.filter(origin=SiteOrigin.BUNDLED).values_list(
                "organization_id", flat=True
            )
        )
        return cls(
            keys=keys,
            site_keys={k: o for k, o in keys.items() if o in bundled},
            companies=company_keys(),
        )

    def find(self, name: str) -> str | None:
        return self.keys.get(name_key(name)) if name else None

    def resolve(
        self,
        name: str,
        kind: str,
        city: str = "",
        country: str = "",
        source: str = "",
        site: bool = False,
    ) -> str | None:
        key = name_key(name)
        if not key:
            return None
        org_id = self.keys.get(key) or self.companies.find(name)
        if org_id is not None:
            self.keys.setdefault(key, org_id)
        else:
            # A person or a place is no organisation: the trial keeps the registry's text.
            if not_an_organisation(name):
                return None
            org_id = registry_org_id(name)
            self.keys[key] = org_id
            self.new_orgs[org_id] = dm.Organization(
                id=org_id,
                # A CSV export may keep its quoting around a name: the quotes are not the name.
                name=name.strip().strip('"\u201c\u201d').strip()[:300],
                kind=kind,
                city=city[:200],
                country=country,
                sources=[source] if source else [],
            )
            self.new_aliases[key] = SiteAlias(
                key=key[:500], text=name[:500], organization_id=org_id
            )
        if site and org_id in self.new_orgs:
            self.new_sites.add(org_id)
        return org_id

    def resolve_site(self, name: str, city: str, country: str, source: str) -> str | None:
        if name_key(name) not in self.keys:
            variants = name_variants(name)
            for variant in variants[1:]:
                known = self.keys.get(name_key(variant))
                if known is not None:
                    return known
            for variant in variants:
                known = near_key(name_key(variant), self.site_keys)
                if known is not None:
                    self.keys[name_key(name)] = known
                    return known
            # A site met for the first time is named without the sponsor's number for it,
            # so that "X - Site 20" and "X - Site 52" are one organisation X.
            name = site_name(name)
        return self.resolve(name, site_kind(name), city, country, source, site=True)

    def resolve_sponsor(self, name: str, sponsor_class: str, source: str) -> str | None:
        kind = SPONSOR_KIND.get(sponsor_class) or site_kind(name)
        return self.resolve(name, kind, source=source)

    def save(self) -> int:
        """Create the organisations met for the first time (inside the caller's transaction)."""
        orgs = list(self.new_orgs.values())
        if not orgs:
            return 0
        dm.fill_search_text(orgs)
        dm.Organization.objects.bulk_create(orgs, batch_size=1000, ignore_conflicts=True)
        SiteAlias.objects.bulk_create(
            list(self.new_aliases.values()), batch_size=1000, ignore_conflicts=True
        )
        SiteProfile.objects.bulk_create(
            [
                SiteProfile(organization_id=o, origin=SiteOrigin.REGISTRY)
                for o in sorted(self.new_sites)
            ],
            batch_size=1000,
            ignore_conflicts=True,
        )
        dm.bump_generation()
        created = len(orgs)
        self.new_orgs.clear()
        self.new_aliases.clear()
        self.new_sites.clear()
        return created
