"""Pages of the virtual cluster at a glance (/insights/): national targets, ecosystem analytics,
the cluster network and capability finder, and open-innovation calls. Thin views: parse input,
call the insights domain, render; every chart has a table view and a CSV download
(`?format=csv&chart=<name>`)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dari.core.errors import DomainError
from dari.core.forms import add_domain_error
from dari.core.names import local_name
from dari.curation.access import may_curate
from dari.curation.domain.observations import propose_observation
from dari.directory.access import visible_assets
from dari.directory.domain.readercache import for_reader
from dari.directory.models import Cluster, Program
from dari.directory.vocab import Modality, Stage
from dari.events.access import managed_events
from dari.insights.access import (
    call_organizer_choices,
    may_create_calls,
    may_review,
    owns_call,
)
from dari.insights.domain import analytics, calls, network, targets
from dari.insights.domain.call_organisers import add_call_co_organizer, remove_call_co_organizer
from dari.insights.domain.errors import InsightsError
from dari.insights.domain.units import unit_label
from dari.insights.forms import (
    ApplyForm,
    CallForm,
    CapabilityForm,
    EcosystemFilterForm,
    InviteForm,
    ObservationForm,
)
from dari.insights.models import CallApplication
from dari.web import insights_charts as charts
from dari.web.events.forms import CoOrganizerForm
from dari.web.tables import Table, csv_download, with_display

# National targets --------------------------------------------------------------------------


def _target_labels() -> dict[str, str]:
    return {"baseline": _("Baseline"), "observed": _("Observed"), "target": _("Target")}


def _dashboard(request: HttpRequest, form: ObservationForm | None = None) -> HttpResponse:
    progress = targets.targets_progress()
    labels = _target_labels()
    for p in progress:
        p["svg"] = charts.target_chart(p, labels, unit_label(p["target"].unit))
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
        row["share_pct"] = round(row["share"] * 100, 1)
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
            "chart": ("bar", "label", "value_usd_m", _("USD m")),
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


def _draw(table: Table) -> str:
    kind, *args = table["chart"]
    if kind == "bar":
        label, value, title = args
        return charts.bar_chart(table["rows"], label, value, title)
    vocabulary, x_title, y_title, value_title = args
    rows = [r for r in table["rows"] if r["assets"]]
    order = [str(label) for label in vocabulary.labels] + [_("Not stated")]
    return charts.heatmap_chart(
        rows, "label", "cluster_label", "assets", x_title, y_title, value_title, x_order=order
    )


def _drawn_ecosystem_tables(request: HttpRequest, f: analytics.Filters) -> list[Table]:
    """The tables with their charts, computed once per change of the data (`data_version`:
    the directory and the events) for each kind of reader, filter and language, and shared by
    every process through the cache: drawing the charts is most of the page's cost."""

    def drawn() -> list[Table]:
        tables = _ecosystem_tables(request.user, f)
        for table in tables:
            table["svg"] = _draw(table)
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


# Open-innovation calls ---------------------------------------------------------------------


def _call_or_404(program_id: str) -> Any:
    try:
        return calls.get_call(program_id)
    except InsightsError:
        raise Http404(_("No open-innovation call with this id.")) from None


@require_GET
def call_list(request: HttpRequest) -> HttpResponse:
    context = {"calls": calls.open_calls(), "may_create": may_create_calls(request.user)}
    return render(request, "insights/calls.html", context | {"current": "calls"})


@login_required
@require_http_methods(["GET", "POST"])
def call_new(request: HttpRequest) -> HttpResponse:
    """GET shows the form, POST creates the call (nothing is written on a bad form)."""
    organizers = call_organizer_choices(request.user)
    if not organizers:
        raise PermissionDenied(_("Only organisers and organisation admins can create calls."))
    data = request.POST if request.method == "POST" else None
    form = CallForm(data, organizers=organizers, initial={"organizer": organizers[0][0]})
    if request.method == "POST" and form.is_valid():
        try:
            call = calls.create_call(request.user, form.values())
        except InsightsError as e:
            add_domain_error(form, e)
        else:
            messages.success(request, _("The call was created."))
            return redirect("insights:call", program_id=call.pk)
    return render(request, "insights/call_new.html", {"form": form, "current": "calls"})


def _own_assets(user: Any) -> list[tuple[str, str]]:
    if not user.is_authenticated or user.organization_id is None:
        return []
    return list(
        visible_assets(user).filter(organization_id=user.organization_id).values_list("pk", "name")
    )


def call_detail(request: HttpRequest, program_id: str) -> HttpResponse:
    call = _call_or_404(program_id)
    user = request.user
    assets = _own_assets(user)
    form = ApplyForm(request.POST or None, assets=assets) if assets else None
    if request.method == "POST":
        if not user.is_authenticated:
            return redirect(f"{reverse('account_login')}?next={request.path}")
        if form is not None and form.is_valid():
            try:
                calls.apply_to_call(
                    user, call.pk, form.cleaned_data["asset"], form.cleaned_data["pitch"]
                )
            except InsightsError as e:
                add_domain_error(form, e)
            else:
                messages.success(request, _("Your application was submitted."))
                return redirect("insights:call", program_id=call.pk)
        elif form is None:
            messages.error(request, _("Only members of an organisation with assets can apply."))
    return render(
        request,
        "insights/call.html",
        {
            "call": call,
            "form": form,
            "mine": calls.own_applications(user, call),
            "is_organiser": may_review(user, call),
            "current": "calls",
        },
    )


def _reviewer_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Review pages of a call: the call if the user may review it (dari.insights.access), else
    404 like a missing call."""

    @wraps(view)
    def wrapper(request: HttpRequest, program_id: str, *args: Any, **kwargs: Any) -> HttpResponse:
        call = _call_or_404(program_id)
        if not may_review(request.user, call):
            raise Http404(_("No open-innovation call with this id."))
        return view(request, call, *args, **kwargs)

    return login_required(wrapper)


def _events(user: Any) -> list[tuple[int, str]]:
    return [
        (e.pk, f"{e.name} ({e.start_date:%Y-%m-%d})")
        for e in managed_events(user).order_by("-start_date")[:100]
    ]


@_reviewer_view
@require_GET
def call_review(request: HttpRequest, call: Program) -> HttpResponse:
    rows = calls.rank_applications(request.user, call.pk)
    return render(
        request,
        "insights/call_review.html",
        {
            "call": call,
            "rows": rows,
            "invite_form": InviteForm(events=_events(request.user)),
            "co_organizers": list(
                call.co_organizers.select_related("organization", "user").order_by("pk")
            ),
            "co_organizer_form": _co_organizer_form() if owns_call(request.user, call) else None,
            "shortlisted": sum(1 for r in rows if r["application"].status == "shortlisted"),
            "current": "calls",
        },
    )


@_reviewer_view
@require_POST
def application_action(
    request: HttpRequest, call: Program, application_id: int, action: str
) -> HttpResponse:
    if not CallApplication.objects.filter(pk=application_id, program=call).exists():
        raise Http404(_("No such application."))
    act = {"shortlist": calls.shortlist_application, "decline": calls.decline_application}
    if action not in act:
        raise Http404(_("No such page."))
    try:
        act[action](request.user, application_id)
    except InsightsError as e:
        messages.error(request, e.message)
    return redirect("insights:call-review", program_id=call.pk)


@_reviewer_view
@require_POST
def invite(request: HttpRequest, call: Program) -> HttpResponse:
    form = InviteForm(request.POST, events=_events(request.user))
    if form.is_valid():
        event = get_object_or_404(managed_events(request.user), pk=form.cleaned_data["event"])
        url = request.build_absolute_uri(reverse("events:detail", args=[event.slug]))
        try:
            invited = calls.invite_shortlist(request.user, call.pk, event.pk, url)
        except InsightsError as e:
            messages.error(request, e.message)
        else:
            messages.success(
                request,
                ngettext(
                    "%(n)d applicant invited to %(event)s.",
                    "%(n)d applicants invited to %(event)s.",
                    len(invited),
                )
                % {"n": len(invited), "event": event},
            )
    else:
        messages.error(request, _("Choose an event."))
    return redirect("insights:call-review", program_id=call.pk)


def _co_organizer_form(data: Any = None) -> CoOrganizerForm:
    """The events' co-organiser form, its help naming the call (not "the event")."""
    form = CoOrganizerForm(data)
    form.fields["organization"].help_text = _(
        "Its organisers manage the call too. Its name in Korean or English, or its id."
    )
    return form


@_reviewer_view
@require_POST
def call_co_organizer_add(request: HttpRequest, call: Program) -> HttpResponse:
    form = _co_organizer_form(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            add_call_co_organizer(request.user, call, data["organization"], data["username"])
        except InsightsError as e:
            messages.error(request, e.message)
        else:
            messages.success(request, _("The co-organiser was added."))
    else:
        messages.error(request, _("Name either an organisation or a person."))
    return redirect("insights:call-review", program_id=call.pk)


@_reviewer_view
@require_POST
def call_co_organizer_remove(request: HttpRequest, call: Program, co_id: int) -> HttpResponse:
    try:
        remove_call_co_organizer(request.user, call, co_id)
    except InsightsError as e:
        messages.error(request, e.message)
    else:
        messages.success(request, _("The co-organiser was removed."))
    return redirect("insights:call-review", program_id=call.pk)
