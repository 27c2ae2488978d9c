"""`dari recommend partners|assets`: recommendations with their reasons, as JSON.

    dari recommend partners --asset ID [--asset ID ...] [--top N] [--as-user NAME] --json
    dari recommend assets --organization ID [--top N] [--as-user NAME] --json

Without --as-user the command runs as an operator (a platform admin sees every asset)."""

from __future__ import annotations

import json
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from dari.directory.domain.recommend import TerritoryError, recommend_assets, recommend_partners
from dari.directory.models import Asset, Organization


class _Operator:
    """The command line's caller when no user is named: a platform admin."""

    is_authenticated = True
    is_active = True
    is_platform_admin = True
    organization_id = None


class Command(BaseCommand):
    help = "Recommend likely partners for assets, or assets for an organisation, with reasons."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="what", required=True, metavar="partners|assets")
        partners = sub.add_parser("partners", help="organisations likely to license an asset")
        partners.add_argument("--asset", action="append", required=True, metavar="ID")
        partners.add_argument(
            "--territory",
            action="append",
            default=[],
            metavar="T",
            help="rank as if T were on offer instead of the asset's territories (repeatable)",
        )
        assets = sub.add_parser("assets", help="assets an organisation should see")
        assets.add_argument("--organization", required=True, metavar="ID")
        for p in (partners, assets):
            p.add_argument("--top", type=int, default=10)
            p.add_argument("--as-user", metavar="USERNAME", help="only what this user may see")
            p.add_argument("--json", action="store_true", help="print JSON (the default format)")

    def _user(self, username: str | None) -> Any:
        if not username:
            return _Operator()
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"--as-user: no user named {username!r}")
        return user

    def handle(self, *args: Any, **options: Any) -> None:
        if options["top"] < 1:
            raise CommandError("--top: must be at least 1")
        user = self._user(options["as_user"])
        if options["what"] == "partners":
            out: dict[str, Any] = {}
            for asset_id in options["asset"]:
                try:
                    recs = recommend_partners(
                        user, asset_id, top=options["top"], territories=options["territory"]
                    )
                except Asset.DoesNotExist:
                    raise CommandError(f"--asset: no asset {asset_id!r}") from None
                except TerritoryError as exc:
                    raise CommandError(f"--territory: {exc}") from None
                out[asset_id] = [
                    {"organization": r.id, "score": round(r.score, 4), "reasons": r.reasons}
                    for r in recs
                ]
        else:
            org_id = options["organization"]
            try:
                recs = recommend_assets(user, org_id, top=options["top"])
            except Organization.DoesNotExist:
                raise CommandError(f"--organization: no organisation {org_id!r}") from None
            out = {
                org_id: [
                    {"asset": r.id, "score": round(r.score, 4), "reasons": r.reasons} for r in recs
                ]
            }
        self.stdout.write(json.dumps(out, ensure_ascii=False, indent=1))
