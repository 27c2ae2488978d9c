"""Factories of the directory models the shared factories do not cover yet (synthetic data)."""

from __future__ import annotations

import factory

from dari.directory.models import Facility, Investment, Organization, Program
from tests.factories import OrganizationFactory


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
