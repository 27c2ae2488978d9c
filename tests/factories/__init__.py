"""factory-boy factories for the directory and accounts (synthetic test data only)."""

from __future__ import annotations

import factory
from allauth.account.models import EmailAddress

from dari.accounts.models import (
    LinkKind,
    Membership,
    MembershipSource,
    MembershipState,
    OrganizationLink,
    Role,
    User,
)
from dari.directory.models import (
    SEARCH_FIELDS,
    Asset,
    Cluster,
    Deal,
    Facility,
    Investment,
    Organization,
    Program,
    searchable_text,
)
from dari.directory.text import search_texts


class ClusterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cluster

    id = factory.Sequence(lambda n: f"cl-test-{n}")
    name = factory.Sequence(lambda n: f"Test Cluster {n}")
    country = "KR"


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    id = factory.Sequence(lambda n: f"org-test-{n}")
    name = factory.Sequence(lambda n: f"Test Org {n}")
    kind = "biotech"
    country = "KR"


class AssetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Asset

    id = factory.Sequence(lambda n: f"as-test-{n}")
    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"Test Asset {n}")
    modality = "antibody"
    therapeutic_area = "oncology"
    stage = "phase1"
    visibility = "public"


class DealFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Deal

    id = factory.Sequence(lambda n: f"dl-test-{n}")
    licensor = factory.SubFactory(OrganizationFactory)
    licensee = factory.SubFactory(OrganizationFactory, kind="pharma", country="US")
    deal_type = "license"
    date = "2025-01"


class UserFactory(factory.django.DjangoModelFactory):
    """A signed-up user: by default with a verified address and, when `organization` is set
    (a new organisation unless given), a confirmed member of it. `verified=False` leaves the
    address unverified; `pending_user`, `removed_user` make the other membership states."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    organization = factory.SubFactory(OrganizationFactory)
    role = Role.MEMBER
    password = factory.PostGenerationMethodCall("set_password", "pw-Dari-2026")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):  # noqa: N805 - factory-boy hook signature
        if create:
            obj.save()

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):  # noqa: N805 - factory-boy hook signature
        if create and obj.email:
            EmailAddress.objects.create(
                user=obj, email=obj.email, primary=True, verified=extracted is not False
            )

    @factory.post_generation
    def _membership(obj, create, extracted, **kwargs):  # noqa: N805 - factory-boy hook signature
        if create and obj.organization_id is not None:
            Membership.objects.create(
                user=obj,
                organization_id=obj.organization_id,
                state=MembershipState.CONFIRMED,
                source=MembershipSource.PLATFORM_ADMIN,
            )


def pending_user(organization: Organization, **kwargs) -> User:
    """A verified user whose request to join `organization` waits for its admins."""
    user = UserFactory(organization=None, **kwargs)
    Membership.objects.create(user=user, organization=organization, state=MembershipState.REQUESTED)
    return user


def removed_user(organization: Organization, **kwargs) -> User:
    """A verified user who was a confirmed member of `organization` and was removed."""
    user = UserFactory(organization=None, **kwargs)
    Membership.objects.create(
        user=user,
        organization=organization,
        state=MembershipState.REMOVED,
        source=MembershipSource.PLATFORM_ADMIN,
    )
    return user


def link(
    owner: Organization, other: Organization, kind: str = LinkKind.PARTNER
) -> OrganizationLink:
    """Put `other` on `owner`'s partner or CDA list."""
    return OrganizationLink.objects.create(owner=owner, other=other, kind=kind)


class InvestmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Investment

    id = factory.Sequence(lambda n: f"inv-test-{n}")
    recipient = factory.SubFactory(OrganizationFactory)
    kind = "series_a"
    date = "2025-03"


def invest(recipient: Organization, investors: list[Organization], **kwargs) -> Investment:
    """An investment with its investors in order (the M2M and the order list agree)."""
    investment = InvestmentFactory(
        recipient=recipient, investor_order=[o.pk for o in investors], **kwargs
    )
    investment.investors.set(investors)
    return investment


class FacilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Facility

    id = factory.Sequence(lambda n: f"fac-test-{n}")
    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"Test Facility {n:03d}")
    kind = "laboratory"


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program

    id = factory.Sequence(lambda n: f"prog-test-{n}")
    name = factory.Sequence(lambda n: f"Test Programme {n:03d}")
    kind = "accelerator"
    start = "2025-01"


def index_for_search(obj, text=None):
    """Store the search tokens of an organisation made by a factory: those the importer stores
    (its SEARCH_FIELDS), or those of `text`. An asset is indexed when it is saved (its search
    document), so it is returned as it is."""
    if type(obj) not in SEARCH_FIELDS:
        return obj
    if text is None:
        values = {name: getattr(obj, name) for name in SEARCH_FIELDS[type(obj)]}
        text = searchable_text(type(obj), values)
    obj.search_text = search_texts([text])[0]
    obj.save(update_fields=["search_text"])
    return obj
