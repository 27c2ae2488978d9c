"""Demo accounts: synthetic people (marked `synthetic`) at real organisations of the dataset."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.db import transaction

from dari.accounts.domain.membership import do_confirm
from dari.accounts.models import MembershipSource, Role, User

# username, password, what they are (printed by `dari demo`)
DEMO_LOGINS: list[tuple[str, str, str]] = [
    ("admin", "dari-admin-2026", "platform admin (Django admin at /admin/)"),
    ("organiser", "dari-organiser-2026", "event organiser at KPBMA"),
    ("bdlead", "dari-bdlead-2026", "business-development lead, organisation admin at ABL Bio"),
    ("scout", "dari-scout-2026", "external-innovation scout at GSK"),
]
_PROFILES = {
    "admin": ("Platform", "Admin", None, Role.PLATFORM_ADMIN, "Asia/Seoul"),
    "organiser": ("Jiwoo", "Han", "kpbma", Role.ORGANISER, "Asia/Seoul"),
    "bdlead": ("Minseo", "Park", "abl-bio", Role.ORG_ADMIN, "Asia/Seoul"),
    "scout": ("Emma", "Clarke", "gsk", Role.MEMBER, "Europe/London"),
}


def make_vetted(user: User) -> None:
    """Give a demo person a verified address and a confirmed membership of the organisation
    set for them (what signing up, verifying and being approved would give)."""
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    if user.organization is not None:
        do_confirm(user, user.organization, MembershipSource.PLATFORM_ADMIN, None)


@transaction.atomic
def ensure_demo_users() -> list[User]:
    """Create the demo users if missing (existing ones keep their passwords and settings)."""
    users = []
    for username, password, _what in DEMO_LOGINS:
        first, last, org, role, tz = _PROFILES[username]
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@demo.dari.invalid",
                "organization_id": org,
                "role": role,
                "timezone": tz,
                "synthetic": True,
                "is_staff": role == Role.PLATFORM_ADMIN,
                "is_superuser": role == Role.PLATFORM_ADMIN,
            },
        )
        if created:
            user.set_password(password)
            user.save(update_fields=["password"])
        make_vetted(user)
        users.append(user)
    return users
