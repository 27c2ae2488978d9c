"""Pages of the virtual cluster at a glance (/insights/): national targets, ecosystem analytics,
the cluster network and capability finder, and open-innovation calls. Thin views: parse input,
call the insights domain, render; every chart has a table view and a CSV download
(`?format=csv&chart=<name>`)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from dari.core.errors import DomainError
from dari.core.forms import add_domain_error
from dari.core.names import local_name
from dari.core.smallcell import K
from dari.curation.access import may_curate
from dari.curation.domain.observations import propose_observation
from dari.directory.domain.readercache import for_reader
from dari.directory.models import Cluster
from dari.directory.vocab import Modality, Stage
from dari.insights.domain import analytics, network, targets
from dari.insights.domain.meeting_cells import shown
from dari.insights.domain.units import UNITS, unit_factor, unit_label
from dari.insights.forms import (
    CapabilityForm,
    EcosystemFilterForm,
    ObservationForm,
)
from dari.web import insights_charts as charts
from dari.web.tables import Table, csv_download, with_display

# National targets --------------------------------------------------------------------------


def _target_labels() -> dict[str, str]:
    return {"baseline": _("Baseline"), "observed": _("Observed"), "target": _("Target")}


def _dashboard(request: HttpRequest, form: ObservationForm | None = None) -> HttpResponse:
    progress = targets.targets_progress()
    labels = _target_labels()
    for p in progress:
        unit = p["target"].unit
        p["svg"] = charts.target_chart(p, labels, unit_label(unit), factor=unit_factor(unit))
    curator = may_curate(request.user)
    return render(
        request,
        "insights/dashboard.html",
        {
            "progress": progress,
            "korean": get_language() == "ko",
            "form": (form or ObservationForm()) if curator else None,
            "current": "targets",
        },
    )


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    return _dashboard(request)


@login_required
@require_POST
def observation_add(request: HttpRequest) -> HttpResponse:
    """A curator proposes an observation: it waits in the review queue until approved."""
    if not may_curate(request.user):
        raise Http404(_("No such page."))
    form = ObservationForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            propose_observation(
                request.user,
                data["target"].pk,
                data["date"],
                data["value"],
                data["source"],
                data["note"],
            )
        except DomainError as e:
            add_domain_error(form, e)
        else:
            messages.success(
                request,
                _(
                    "Observation proposed: it appears on this page once a curator approves it "
                    "in the review queue."
                ),
            )
            return redirect(reverse("insights:dashboard") + f"#target-{data['target'].pk}")
    # The dashboard again with the form and its errors on their fields.
    return _dashboard(request, form)


# Ecosystem analytics -----------------------------------------------------------------------


def _ecosystem_tables(user: Any, f: analytics.Filters) -> list[Table]:
    deals_col = ("deals", _("Deals"))
    value_col = ("value_usd_m", _("Total value (USD m)"))
    deals = analytics.deal_breakdowns(user, f)
    by_year = deals["year"]
    share_rows = analytics.korea_meeting_share(f)
    for row in share_rows:
        row["share_pct"] = None if row["share"] is None else round(row["share"] * 100, 1)
    cluster_note = _(
        "Assets of organisations based in Korea; “Elsewhere in Korea” holds those of "
        "organisations outside every cluster."
    )
    tables: list[Table] = [
        {
            "key": "deals-year",
            "title": _("Deals by year"),
            "columns": [("label", _("Year")), deals_col, value_col],
            "rows": by_year,
            "chart": ("bar", "label", "deals", _("Deals")),
        },
        {
            "key": "deal-value",
            "title": _("Deal value by year (sum of total values, USD m)"),
            "columns": [("label", _("Year")), value_col, deals_col],
            "rows": by_year,
            "chart": ("bar", "label", "value_usd_m", "USD m"),  # a unit of units.UNITS
        },
        {
            "key": "deals-modality",
            "title": _("Deals by modality of the asset"),
            "columns": [("label", _("Modality")), deals_col, value_col],
            "rows": deals["modality"],
            "chart": ("bar", "label", "deals", _("Deals")),
        },
        {
            "key": "deals-area",
            "title": _("Deals by therapeutic area of the asset"),
            "columns": [("label", _("Therapeutic area")), deals_col, value_col],
            "rows": deals["area"],
            "chart": ("bar", "label", "deals", _("Deals")),
        },
        {
            "key": "deals-country",
            "title": _("Deals by licensee country"),
            "columns": [("label", _("Country")), deals_col, value_col],
            "rows": deals["licensee_country"],
            "chart": ("bar", "label", "deals", _("Deals")),
        },
        {
            "key": "investments-kind",
            "title": _("Investments by kind"),
            "columns": [
                ("label", _("Kind")),
                ("investments", _("Investments")),
                ("amount_usd_m", _("Amount (USD m)")),
            ],
            "rows": analytics.investments_by_kind(f),
            "chart": ("bar", "label", "investments", _("Investments")),
        },
        {
            "key": "assets-stage",
            "title": _("Assets by cluster and stage"),
            "columns": [
                ("cluster_label", _("Cluster")),
                ("label", _("Stage")),
                ("assets", _("Assets")),
            ],
            "rows": analytics.assets_by_cluster(user, "stage", f),
            "note": cluster_note,
            "chart": ("heatmap", Stage, _("Stage"), _("Cluster"), _("Assets")),
        },
        {
            "key": "assets-modality",
            "title": _("Assets by cluster and modality"),
            "columns": [
                ("cluster_label", _("Cluster")),
                ("label", _("Modality")),
                ("assets", _("Assets")),
            ],
            "rows": analytics.assets_by_cluster(user, "modality", f),
            "note": cluster_note,
            "chart": ("heatmap", Modality, _("Modality"), _("Cluster"), _("Assets")),
        },
        {
            "key": "korea-share",
            "title": _("Korea's share of event meetings"),
            "columns": [
                ("label", _("Event")),
                ("meetings", _("Meetings")),
                ("with_korea", _("With a Korean organisation")),
                ("share_pct", _("Share (%)")),
            ],
            "rows": share_rows,
            "chart": ("bar", "label", "share_pct", _("Share of meetings (%)")),
        },
        {
            "key": "funnel",
            "title": _("From meeting to deal (all events)"),
            "columns": [
                ("label", _("Stage")),
                ("meetings", _("Meetings")),
                ("share_of_previous", _("Share of the stage before")),
            ],
            "rows": analytics.funnel(f),
            "chart": ("bar", "label", "meetings", _("Meetings")),
        },
    ]
    return tables


def _scaled(value: Any, factor: float) -> Any:
    return value if factor == 1 or value is None else round(float(value) * factor, 6)


def _draw(table: Table) -> str:
    kind, *args = table["chart"]
    if kind == "bar":
        label, value, title = args
        if title in UNITS:  # a sum in a unit: read in the reader's (USD m is 억 달러 in Korean)
            factor = unit_factor(title)
            rows = [{**r, value: _scaled(r[value], factor)} for r in table["rows"]]
            return charts.bar_chart(rows, label, value, unit_label(title))
        # A held-back cell ("fewer than 3") has no bar: drawn as 0 it would read as none.
        return charts.bar_chart([r for r in table["rows"] if shown(r[value])], label, value, title)
    vocabulary, x_title, y_title, value_title = args
    rows = [r for r in table["rows"] if r["assets"]]
    order = [str(label) for label in vocabulary.labels] + [_("Not stated")]
    # The rows' own order: clusters by name, "elsewhere in Korea" (no cluster) last.
    clusters = list(dict.fromkeys(str(r["cluster_label"]) for r in rows))
    return charts.heatmap_chart(
        rows,
        "label",
        "cluster_label",
        "assets",
        x_title,
        y_title,
        value_title,
        x_order=order,
        y_order=clusters,
    )


def _held_back(table: Table) -> list[str]:
    """The rows a bar chart leaves out because their figure is held back ("fewer than K"):
    named under the chart, or the funnel's one bar (meetings) would read as no CDA or deal."""
    kind, *args = table["chart"]
    if kind != "bar":
        return []
    label, value, _title = args
    return [str(r[label]) for r in table["rows"] if not shown(r[value])]


def _drawn_ecosystem_tables(request: HttpRequest, f: analytics.Filters) -> list[Table]:
    """The tables with their charts, computed once per change of the data (`data_version`:
    the directory and the events) for each kind of reader, filter and language, and shared by
    every process through the cache: drawing the charts is most of the page's cost."""

    def drawn() -> list[Table]:
        tables = _ecosystem_tables(request.user, f)
        for table in tables:
            table["svg"] = _draw(table)
            table["held_back"] = _held_back(table)
            with_display(table)
        return tables

    return for_reader(
        request, "ecosystem", drawn, analytics.data_version(), repr(f), by_query=False
    )


@require_GET
def ecosystem(request: HttpRequest) -> HttpResponse:
    form = EcosystemFilterForm(request.GET or None)
    f = form.filters() if form.is_bound else analytics.Filters()
    tables = _drawn_ecosystem_tables(request, f)
    download = csv_download(request, tables, "ecosystem")
    if download is not None:
        return download
    korea = analytics.korea_share_total(
        next(t["rows"] for t in tables if t["key"] == "korea-share")
    )
    return render(
        request,
        "insights/ecosystem.html",
        {
            "form": form,
            "tables": tables,
            "korea": korea,
            "query": request.GET.urlencode(),
            "current": "ecosystem",
            "small_cell": K,
        },
    )


# The clusters as one network ---------------------------------------------------------------


@require_GET
def cluster_network(request: HttpRequest) -> HttpResponse:
    links = network.cluster_links()
    table: Table = {
        "key": "links",
        "title": _("Links between clusters"),
        "columns": [
            ("a_label", _("Cluster")),
            ("b_label", _("Cluster")),
            ("deals", _("Deals")),
            ("meetings", _("Meetings")),
            ("facilities", _("Facilities")),
            ("total", _("Total")),
        ],
        "rows": links,
    }
    download = csv_download(request, [table], "clusters")
    if download is not None:
        return download
    totals: dict[str, int] = {}
    for r in links:
        for side in ("a", "b"):
            totals[r[side]] = totals.get(r[side], 0) + r["total"]
    clusters = list(Cluster.objects.all())
    nodes = [{"key": c.pk, "label": local_name(c), "total": totals.get(c.pk, 0)} for c in clusters]
    cells = network.cluster_matrix(links)
    order = [n["label"] for n in nodes if n["total"]]
    return render(
        request,
        "insights/clusters.html",
        {
            "table": with_display(table),
            "network_svg": charts.network_chart(nodes, links),
            "matrix_svg": charts.heatmap_chart(
                cells,
                "to",
                "from",
                "total",
                _("Cluster"),
                _("Cluster"),
                _("Links"),
                x_order=order,
                y_order=order,
            ),
            "clusters": clusters,
            "current": "clusters",
            "small_cell": K,
        },
    )


@require_GET
def cluster_profile(request: HttpRequest, cluster_id: str) -> HttpResponse:
    cluster = get_object_or_404(Cluster, pk=cluster_id)
    profile = network.cluster_profile(cluster, request.user)
    tables: list[Table] = [
        {
            "key": "modalities",
            "title": _("Modalities of visible assets"),
            "columns": [("label", _("Modality")), ("count", _("Assets"))],
            "rows": profile["modalities"],
        },
        {
            "key": "stages",
            "title": _("Stages of visible assets"),
            "columns": [("label", _("Stage")), ("count", _("Assets"))],
            "rows": profile["stages"],
        },
        {
            "key": "organizations",
            "title": _("Organisations by kind"),
            "columns": [("label", _("Kind")), ("count", _("Organisations"))],
            "rows": profile["organization_kinds"],
        },
    ]
    download = csv_download(request, tables, cluster.pk)
    if download is not None:
        return download
    for table in tables:
        table["svg"] = charts.bar_chart(table["rows"], "label", "count", table["columns"][1][1])
        with_display(table)
    return render(
        request,
        "insights/cluster.html",
        {"cluster": cluster, "profile": profile, "tables": tables, "current": "clusters"},
    )


@require_GET
def capabilities(request: HttpRequest) -> HttpResponse:
    form = CapabilityForm(request.GET or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    found = network.find_capabilities(
        data.get("q", ""),
        cluster=data.get("cluster", ""),
        facility_kind=data.get("facility_kind", ""),
        program_kind=data.get("program_kind", ""),
    )
    return render(
        request,
        "insights/capabilities.html",
        {"form": form, "found": found, "q": data.get("q", ""), "current": "capabilities"},
    )
