"""/api/me: who the caller is to Dari (membership, vetted or not, the token in use), and the
one setting an integration may change with a write token (the time zone)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema

from dari.accounts.access import sees_members_assets
from dari.accounts.domain.errors import AccountError
from dari.accounts.domain.profile import set_timezone
from dari.accounts.domain.queries import membership_state
from dari.api.errors import ApiError, field_error
from dari.api.schemas import BodyIn, ErrorOut

router = Router(tags=["account"])


class MeOut(Schema):
    username: str | None
    organization: str | None
    membership: str | None
    vetted: bool
    timezone: str | None
    token_scope: str | None


class MeIn(BodyIn):
    timezone: str


def _me(request: HttpRequest) -> MeOut:
    user = request.user
    token = getattr(request, "access_token", None)
    if not user.is_authenticated:
        return MeOut(
            username=None,
            organization=None,
            membership=None,
            vetted=False,
            timezone=None,
            token_scope=None,
        )
    return MeOut(
        username=user.get_username(),
        organization=user.organization_id,  # type: ignore[union-attr]
        membership=membership_state(user),  # type: ignore[arg-type]
        vetted=sees_members_assets(user),
        timezone=user.timezone,  # type: ignore[union-attr]
        token_scope=token.scope if token is not None else None,
    )


@router.get("/me", response=MeOut, summary="The caller as Dari sees it")
def get_me(request: HttpRequest) -> MeOut:
    return _me(request)


@router.patch(
    "/me",
    response={200: MeOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut},
    summary="Change the caller's time zone (needs a write token or a session)",
)
def patch_me(request: HttpRequest, body: MeIn) -> MeOut:
    if not request.user.is_authenticated:
        raise ApiError(401, _("Sign in or send a personal access token."))
    try:
        set_timezone(request.user, body.timezone)  # type: ignore[arg-type]
    except AccountError as exc:
        raise field_error(400, exc.field or "timezone", exc.code, exc.message) from None
    return _me(request)
