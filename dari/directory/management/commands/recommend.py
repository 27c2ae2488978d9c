"""`dari recommend partners|assets`: recommendations with their reasons.

    dari recommend partners --asset ID [--asset ID ...] [--top N] [--territory T ...]
                            [--as-user NAME] [--json] [-o FILE]
    dari recommend assets --organization ID [--top N] [--as-user NAME] [--json] [-o FILE]

Text for people by default, `--json` for scripts (an object keyed by the asset or organisation
asked about). The ids printed are those `--asset` and `--organization` accept. Without --as-user
the command runs as an operator (a platform admin sees every asset)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _

from dari.cli.command import DariCommand
from dari.directory.domain.recommend import (
    TerritoryError,
    recommend_asset_rows,
    recommend_partners,
)
from dari.directory.models import Asset, Organization


class _Operator:
    """The command line's caller when no user is named: a platform admin."""

    is_authenticated = True
    is_active = True
    is_platform_admin = True
    organization_id = None


class Command(DariCommand):
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
            p.add_argument("--top", type=int, default=10, metavar="N")
            p.add_argument("--as-user", metavar="USERNAME", help="only what this user may see")
            p.add_argument("--json", action="store_true", help="print JSON")
            self.add_output_argument(p)

    def _user(self, username: str | None) -> Any:
        if not username:
            return _Operator()
        return self.named_user(username)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["top"] < 1:
            raise self.bad_input(_("--top: must be at least 1"))
        user = self._user(options["as_user"])
        out: dict[str, list[dict[str, Any]]] = {}
        names: dict[str, str] = {}  # for people: the name beside each id printed
        if options["what"] == "partners":
            for asset_id in options["asset"]:
                try:
                    recs = recommend_partners(
                        user, asset_id, top=options["top"], territories=options["territory"]
                    )
                except Asset.DoesNotExist:
                    raise self.bad_input(
                        _("--asset: no asset %(id)s") % {"id": repr(asset_id)}
                    ) from None
                except TerritoryError as exc:
                    raise self.bad_input(f"--territory: {exc}") from None
                out[asset_id] = [
                    {"organization": r.id, "score": round(r.score, 4), "reasons": r.reasons}
                    for r in recs
                ]
                names.update(
                    Organization.objects.filter(pk__in=[r.id for r in recs]).values_list(
                        "pk", "name"
                    )
                )
        else:
            org_id = options["organization"]
            try:
                rows = recommend_asset_rows(user, org_id, top=options["top"])
            except Organization.DoesNotExist:
                raise self.bad_input(
                    _("--organization: no organisation %(id)s") % {"id": repr(org_id)}
                ) from None
            out[org_id] = [
                {"asset": r.id, "score": round(r.score, 4), "reasons": r.reasons}
                for _asset, r in rows
            ]
            names.update((asset.pk, asset.name) for asset, _r in rows)
        if options["json"]:
            self.emit_json(out, options["output"])
        else:
            self.emit(as_text(out, names), options["output"])


def as_text(out: dict[str, list[dict[str, Any]]], names: dict[str, str]) -> str:
    """The recommendations for people: per id asked about, the ranked ids (those the other
    commands accept) with their names and scores, each reason on a line of its own."""
    lines = []
    for asked, recs in out.items():
        lines.append(f"{asked}:")
        for rank, rec in enumerate(recs, 1):
            found = rec.get("organization") or rec["asset"]
            lines.append(f"{rank:>3}. {found}  {names.get(found, '')}  ({rec['score']})")
            lines.extend(f"       - {reason}" for reason in rec["reasons"])
    return "".join(line + "\n" for line in lines)
