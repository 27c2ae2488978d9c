"""Pages of the directory: thin views that parse input, call a query or a domain function,
and render. Assets come only through the access funnel; a refused asset is a 404 exactly like
a missing one."""

from __future__ import annotations

from typing import Any, TypeVar

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from dari.accounts import domain as accounts_domain
from dari.accounts.access import may_administer
from dari.accounts.models import OrganizationLink
from dari.core.names import countries_by_name
from dari.directory.access import access_asset
from dari.directory.domain import editing, listings, queries, search
from dari.directory.domain.readercache import for_reader
from dari.directory.domain.recommend import (
    LEXICAL,
    TerritoryError,
    ranked_partners,
    recommend_asset_rows,
    semantic_ready,
)
from dari.directory.filters import (
    SORTS,
    AssetFilter,
    DealFilter,
    DirectoryFilter,
    FilterError,
    InvestmentFilter,
    OrganizationFilter,
)
from dari.directory.models import (
    Asset,
    Cluster,
    Deal,
    Investment,
    Organization,
)
from dari.directory.vocab import DealType, InvestmentKind, OrgKind
from dari.trials.domain.queries import STAGE_PHASE, trials_of_asset
from dari.web.forms import AssetForm, LinkForm, OrganizationForm
from dari.web.fragments import fragment_of
from dari.web.tables import export_format, table_download

PAGE_SIZE = 25
NO_ASSET = gettext_lazy("No asset with this id.")
NO_ORGANIZATION = gettext_lazy("No organisation with this id.")
NO_DEAL = gettext_lazy("No deal with this id.")
NO_INVESTMENT = gettext_lazy("No investment with this id.")

SORT_LABELS = {
    "relevance": gettext_lazy("Relevance"),
    "name": gettext_lazy("Name (A-Z)"),
    "-name": gettext_lazy("Name (Z-A)"),
    "stage": gettext_lazy("Stage (earliest first)"),
    "-stage": gettext_lazy("Stage (latest first)"),
    "organization": gettext_lazy("Organisation"),
    "modality": gettext_lazy("Modality"),
}


M = TypeVar("M", bound=Model)
F = TypeVar("F", bound=DirectoryFilter)


def _filtered(
    request: HttpRequest, filter_class: type[F], queryset: QuerySet[M]
) -> tuple[QuerySet[M], F, str, int]:
    """`queryset` narrowed by the shared filter, the filter, and the error and status: a bad
    parameter gives an empty list, blank choices and a 400 naming the parameter."""
    try:
        chosen = filter_class.from_params(request.GET)
    except FilterError as exc:
        return queryset.none(), filter_class(), str(exc), 400
    return chosen.apply(queryset), chosen, "", 200


def _filtered_list(
    request: HttpRequest, filter_class: type[DirectoryFilter], queryset: QuerySet[Any]
) -> tuple[dict[str, Any], int]:
    """The context of a filtered list page (`page`, `chosen`, `error`) and its status."""
    rows, chosen, error, status = _filtered(request, filter_class, queryset)
    return {"page": _page(request, rows), "chosen": chosen, "error": error}, status


def _page(request: HttpRequest, queryset: QuerySet[Any] | list[Any]) -> Page:
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def _posted(request: HttpRequest) -> Any:
    """The form data of a POST, even an empty one (which must be refused, not shown blank)."""
    return request.POST if request.method == "POST" else None


def _is_partial(request: HttpRequest) -> bool:
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.history_restore_request and not htmx.boosted


def _administered_organization(request: HttpRequest, org_id: str) -> Organization:
    """The organisation if the user administers it; 404 otherwise, like a missing one."""
    if not may_administer(request.user, org_id):
        raise Http404(NO_ORGANIZATION)
    return get_object_or_404(queries.organizations(), pk=org_id)


# Overview --------------------------------------------------------------------------------------


def _home_data(user: Any) -> dict[str, Any]:
    clusters, totals = queries.clusters_with_counts(user)
    return {
        "clusters": clusters,
        "totals": totals,
        "deals": list(queries.recent_deals(user)),
        "investments": list(queries.recent_investments()),
    }


def home(request: HttpRequest) -> HttpResponse:
    # The same for every reader who sees the same assets, until the directory changes.
    body = for_reader(
        request,
        "home",
        lambda: render_to_string("web/_home.html", _home_data(request.user), request),
    )
    return render(request, "web/home.html", {"body": body})


def cluster_list(request: HttpRequest) -> HttpResponse:
    clusters, totals = queries.clusters_with_counts(request.user)
    return render(request, "web/clusters/list.html", {"clusters": clusters, "totals": totals})


def cluster_detail(request: HttpRequest, cluster_id: str) -> HttpResponse:
    cluster = get_object_or_404(Cluster, pk=cluster_id)
    counts = queries.cluster_counts(request.user, [cluster.pk])
    counts = counts.get(cluster.pk, queries.ClusterCounts())
    return render(
        request,
        "web/clusters/detail.html",
        {
            "cluster": cluster,
            "counts": counts,
            "organizations": cluster.organizations.order_by("name"),
            "facilities": cluster.facilities.select_related("organization").order_by("name"),
            "programs": queries.programs_of_cluster(cluster),
        },
    )


# Organisations -------------------------------------------------------------------------------


def _export(request: HttpRequest, table: Any, stem: str, error: str) -> HttpResponse | None:
    """A list page's rows (the whole filtered list) as CSV or XLSX when asked, else None."""
    if export_format(request) is None or error:
        return None
    return table_download(request, table(), stem)


def _all_rows(context: dict[str, Any]) -> Any:
    """The whole filtered list behind a list page's current page."""
    return context["page"].paginator.object_list


def organization_list(request: HttpRequest) -> HttpResponse:
    context, status = _filtered_list(request, OrganizationFilter, queries.organizations())
    download = _export(
        request,
        lambda: listings.organizations_table(request.user, _all_rows(context)),
        "organizations",
        context["error"],
    )
    if download is not None:
        return download
    counts = queries.organization_asset_counts(request.user, [o.pk for o in context["page"]])
    for org in context["page"]:
        org.visible_asset_count = counts.get(org.pk, 0)
    context |= {
        "kinds": OrgKind.choices,
        "countries": countries_by_name(queries.countries_of(Organization.objects.all())),
        "clusters": Cluster.objects.only("id", "name", "name_ko"),
    }
    return render(request, "web/organizations/list.html", context, status=status)


@require_http_methods(["GET"])
def organization_suggest(request: HttpRequest) -> HttpResponse:
    """The `<option>`s of the organisations a typed name may mean, for a form's datalist."""
    text = request.GET.get("q") or request.GET.get("organization") or ""
    return render(
        request,
        "web/partials/organization_options.html",
        {"organizations": queries.organization_suggestions(text[:300])},
    )


def organization_detail(request: HttpRequest, org_id: str) -> HttpResponse:
    org = get_object_or_404(queries.organizations(), pk=org_id)
    group = queries.group_of(org)
    return render(
        request,
        "web/organizations/detail.html",
        {
            "org": org,
            "assets": queries.assets_of(request.user, org),
            "deals": queries.deals_of(request.user, org, group),
            "group": group,
            "investments_received": queries.investments_received(org),
            "investments_made": queries.investments_made(org),
            "facilities": org.facilities.select_related("cluster").order_by("name"),
            "programs": org.programs.order_by("-start", "name"),
            "can_edit": may_administer(request.user, org.pk),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def organization_edit(request: HttpRequest, org_id: str) -> HttpResponse:
    org = _administered_organization(request, org_id)
    form = OrganizationForm(_posted(request), instance=org)
    if request.method == "POST" and form.is_valid():
        editing.update_organization(org, form.cleaned_data)
        messages.success(request, _("The organisation profile was saved."))
        return redirect("web:organization", org_id=org.pk)
    return render(request, "web/organizations/edit.html", {"org": org, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def organization_links(request: HttpRequest, org_id: str) -> HttpResponse:
    org = _administered_organization(request, org_id)
    form = LinkForm(org, _posted(request))
    if request.method == "POST":
        remove = request.POST.get("remove")
        if remove:
            if accounts_domain.remove_link(
                org,
                int(remove) if remove.isascii() and remove.isdecimal() else -1,
                actor=request.user,
            ):
                messages.success(request, _("The organisation was removed from the list."))
            else:
                messages.error(request, _("That organisation is not on your lists (any more)."))
            return redirect("web:organization-links", org_id=org.pk)
        if form.is_valid():
            accounts_domain.add_link(
                org, form.cleaned_data["other"], form.cleaned_data["kind"], actor=request.user
            )
            messages.success(request, _("The organisation was added to the list."))
            return redirect("web:organization-links", org_id=org.pk)
    links = (
        OrganizationLink.objects.filter(owner=org)
        .select_related("other")
        .order_by("kind", "other__name")
    )
    return render(
        request, "web/organizations/links.html", {"org": org, "form": form, "links": links}
    )


# Assets ----------------------------------------------------------------------------------------


def asset_list(request: HttpRequest) -> HttpResponse:
    try:
        chosen = AssetFilter.from_params(request.GET)
        error, status = "", 200
    except FilterError as exc:
        chosen, error, status = AssetFilter(), str(exc), 400

    def found() -> QuerySet[Asset] | search.SearchResults:
        if error:
            return queries.assets(request.user).none()
        return search.search_assets(request.user, chosen)

    download = _export(request, lambda: listings.assets_table(found()), "assets", error)
    if download is not None:
        return download
    partial = _is_partial(request)

    def body() -> str:
        """The filters and results (or, for htmx, the results and facets): the same for
        every reader of this kind and language until the directory changes."""
        if error:
            page, facets = None, []
            chosen_values = {"q": request.GET.get("q", ""), "sort": request.GET.get("sort", "")}
        else:
            page = _page(request, found())
            facets = queries.asset_facets(request.user, chosen, matches=page.paginator.count)
            chosen_values = {"q": chosen.q, "sort": chosen.chosen_sort}
        context = {
            "page": page,
            "facets": facets,
            "chosen": chosen_values,
            "error": error,
            "sorts": [(key, SORT_LABELS[key]) for key in SORTS],
        }
        template = "web/assets/_results.html" if partial else "web/assets/_page.html"
        return render_to_string(template, context, request)

    html = (
        body()
        if error
        else for_reader(request, "assets", body, partial, bool(getattr(request, "htmx", False)))
    )
    if partial:
        response = HttpResponse(html, status=status)
    else:
        response = render(request, "web/assets/list.html", {"body": html}, status=status)
    patch_vary_headers(response, ["HX-Request"])
    return response


def asset_detail(request: HttpRequest, asset_id: str) -> HttpResponse:
    try:
        asset = access_asset(request.user, asset_id)
    except Asset.DoesNotExist:
        raise Http404(NO_ASSET) from None
    deals = queries.deals_of_asset(request.user, asset)
    return render(
        request,
        "web/assets/detail.html",
        {
            "asset": asset,
            "deals": deals,
            "trials": trials_of_asset(asset.pk),
            "in_clinic": asset.stage in STAGE_PHASE,
            "territory_choices": TERRITORY_CHOICES,
            "can_edit": may_administer(request.user, asset.organization_id),
        },
    )


COMPARE_MAX = 6


def asset_compare(request: HttpRequest) -> HttpResponse:
    """The assets ticked in the list (`?id=...`, at most COMPARE_MAX), side by side, read in
    one query through the funnel: one the reader may not see is left out like a missing one. With
    `?format=csv|xlsx` the same rows as the list's download."""
    ids = list(dict.fromkeys(i for i in request.GET.getlist("id") if i))[:COMPARE_MAX]
    found = {a.pk: a for a in queries.assets(request.user).filter(pk__in=ids)}
    assets = [found[i] for i in ids if i in found]  # in the order ticked
    if export_format(request) is not None:
        return table_download(request, listings.assets_table(assets), "assets-compared")
    return render(
        request,
        "web/assets/compare.html",
        {"assets": assets, "ids": [a.pk for a in assets], "most": COMPARE_MAX},
    )


TERRITORY_CHOICES = (
    ("global ex-Korea", gettext_lazy("Worldwide except Korea")),
    ("Greater China", gettext_lazy("Greater China")),
    ("Japan", gettext_lazy("Japan")),
    ("US", gettext_lazy("United States")),
    ("Europe", gettext_lazy("Europe")),
    ("Southeast Asia", gettext_lazy("Southeast Asia")),
    ("India", gettext_lazy("India")),
    ("Latin America", gettext_lazy("Latin America")),
    ("Middle East and North Africa", gettext_lazy("Middle East and North Africa")),
    ("CIS", gettext_lazy("Russia and CIS")),
    ("South Korea", gettext_lazy("Korea")),
)
"""Territories a BD lead can try on an asset's likely partners (values the matcher reads)."""


@fragment_of("web:asset", "partners", keep=("asset_id",))
def asset_partners(request: HttpRequest, asset_id: str) -> HttpResponse:
    """Likely partners of an asset (loaded into its page by htmx), with the reasons;
    `?territory=` ranks them as if that territory were on offer (nothing is saved). The same
    for every reader of this kind and language until the directory or its index changes."""

    def fragment() -> str:
        recs, ranking = ranked_partners(
            request.user, asset_id, top=8, territories=request.GET.getlist("territory")
        )
        orgs = Organization.objects.in_bulk([r.id for r in recs])
        rows = [(orgs[r.id], r) for r in recs if r.id in orgs]
        context = {"rows": rows, "kind": "partners", "lexical": ranking == LEXICAL}
        return render_to_string("web/partials/recommendations.html", context, request)

    try:
        html = for_reader(request, "partners", fragment, asset_id, semantic_ready())
    except Asset.DoesNotExist:
        raise Http404(NO_ASSET) from None
    except TerritoryError as exc:
        return render(
            request, "web/partials/error.html", {"error": _("territory: %s") % exc}, status=400
        )
    return HttpResponse(html)


@fragment_of("web:organization", "recommended-assets", keep=("org_id",))
def organization_recommended_assets(request: HttpRequest, org_id: str) -> HttpResponse:
    """Assets the organisation should see (loaded into its page by htmx), with the reasons."""
    try:
        rows = recommend_asset_rows(request.user, org_id, top=8)
    except Organization.DoesNotExist:
        raise Http404(NO_ORGANIZATION) from None
    return render(request, "web/partials/recommendations.html", {"rows": rows, "kind": "assets"})


@login_required
@require_http_methods(["GET", "POST"])
def asset_edit(request: HttpRequest, asset_id: str) -> HttpResponse:
    try:
        asset = access_asset(request.user, asset_id, "edit")
    except Asset.DoesNotExist:
        raise Http404(NO_ASSET) from None
    form = AssetForm(_posted(request), instance=asset)
    if request.method == "POST" and form.is_valid():
        editing.update_asset(asset, form.cleaned_data, actor=request.user)
        messages.success(request, _("The asset was saved."))
        return redirect("web:asset", asset_id=asset.pk)
    return render(
        request, "web/assets/edit.html", {"asset": asset, "org": asset.organization, "form": form}
    )


@login_required
@require_http_methods(["GET", "POST"])
def asset_new(request: HttpRequest, org_id: str) -> HttpResponse:
    org = _administered_organization(request, org_id)
    # Who may see a new asset is chosen, never assumed: the model's default is "public",
    # and a confidential asset published by a click left unmade would be out at once.
    form = AssetForm(_posted(request), initial={"visibility": None})
    if request.method == "POST" and form.is_valid():
        asset = editing.create_asset(org, form.cleaned_data, actor=request.user)
        messages.success(request, _("The asset was created."))
        return redirect("web:asset", asset_id=asset.pk)
    return render(request, "web/assets/edit.html", {"asset": None, "org": org, "form": form})


# Deals and investments -----------------------------------------------------------------------


def deal_list(request: HttpRequest) -> HttpResponse:
    context, status = _filtered_list(request, DealFilter, queries.deals(request.user))
    download = _export(
        request, lambda: listings.deals_table(_all_rows(context)), "deals", context["error"]
    )
    if download is not None:
        return download
    context |= {
        "years": queries.years_of(Deal.objects.all()),
        "deal_types": DealType.choices,
        "countries": countries_by_name(
            queries.countries_of(Deal.objects.all(), "licensee__country")
        ),
    }
    return render(request, "web/deals/list.html", context, status=status)


def deal_detail(request: HttpRequest, deal_id: str) -> HttpResponse:
    """One deal: its parties, terms, description and sources; its asset named only when the
    reader may see it (the same funnel as the lists)."""
    deal = queries.deals(request.user).filter(pk=deal_id).first()
    if deal is None:
        raise Http404(NO_DEAL)
    return render(request, "web/deals/detail.html", {"deal": deal})


def investment_detail(request: HttpRequest, investment_id: str) -> HttpResponse:
    """One investment: its investee, investors, round, amount, description and sources,
    through the same funnel as the lists."""
    found = queries.with_investors(queries.investments().filter(pk=investment_id))
    if not found:
        raise Http404(NO_INVESTMENT)
    return render(request, "web/deals/investment.html", {"investment": found[0]})


def investment_list(request: HttpRequest) -> HttpResponse:
    context, status = _filtered_list(request, InvestmentFilter, queries.investments())
    download = _export(
        request,
        lambda: listings.investments_table(_all_rows(context)),
        "investments",
        context["error"],
    )
    if download is not None:
        return download
    page = context["page"]
    page.object_list = queries.with_investors(page.object_list)
    context |= {
        "years": queries.years_of(Investment.objects.all()),
        "kinds": InvestmentKind.choices,
        "countries": countries_by_name(
            queries.countries_of(Investment.objects.all(), "recipient__country")
        ),
    }
    return render(request, "web/deals/investments.html", context, status=status)
