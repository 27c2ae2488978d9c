"""Pages of the clinical trials: the trials with filters, a trial, a site's profile, the site
finder and Korea's share of trials beside the national target. Thin views over
dari/trials/domain/queries.py; an asset a trial tests is named only where the reader may see it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from dari.core.forms import IntegerField
from dari.core.names import local_name
from dari.directory.access import access_asset
from dari.directory.models import Asset, Cluster, Organization
from dari.directory.vocab import TherapeuticArea, label_of
from dari.events.access import managed_events
from dari.events.domain.ended import events_ahead
from dari.events.domain.errors import EventError
from dari.events.domain.invitations import invite_organization
from dari.insights.domain.targets import targets_progress
from dari.trials.bundled import konect_observations
from dari.trials.domain import queries
from dari.trials.models import Trial
from dari.trials.vocab import InterventionType, Phase, TrialStatus
from dari.web import trials_charts
from dari.web.fragments import fragment_of

PAGE_SIZE = 25
KOREA_TARGET = "clinical-trials-rank-2027"
PHASE_CHOICES = [("", gettext_lazy("Any phase"))] + [
    (n, label)
    for n, label in zip(
        queries.PHASES,
        (Phase.PHASE1.label, Phase.PHASE2.label, Phase.PHASE3.label, Phase.PHASE4.label),
        strict=True,
    )
]


class TrialFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Search"), required=False, max_length=200)
    condition = forms.CharField(label=gettext_lazy("Condition"), required=False, max_length=200)
    phase = forms.ChoiceField(label=gettext_lazy("Phase"), required=False, choices=PHASE_CHOICES)
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[("", gettext_lazy("Any status")), *TrialStatus.choices],
    )
    year = IntegerField(
        label=gettext_lazy("Start year"), required=False, min_value=1900, max_value=2100
    )
    korea = forms.BooleanField(label=gettext_lazy("Sites in Korea"), required=False)


class SiteFinderForm(forms.Form):
    condition = forms.CharField(label=gettext_lazy("Condition"), max_length=200)
    phase = forms.ChoiceField(label=gettext_lazy("Phase"), required=False, choices=PHASE_CHOICES)
    intervention_type = forms.ChoiceField(
        label=gettext_lazy("Intervention type"),
        required=False,
        choices=[("", gettext_lazy("Any type")), *InterventionType.choices],
    )
    city = forms.CharField(label=gettext_lazy("City"), required=False, max_length=200)
    cluster = forms.ChoiceField(label=gettext_lazy("Cluster"), required=False, choices=[])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        clusters = Cluster.objects.only("id", "name", "name_ko")
        self.fields["cluster"].choices = [("", _("Any cluster"))] + sorted(
            ((cluster.pk, local_name(cluster)) for cluster in clusters), key=lambda c: c[1]
        )


def phase_labels() -> dict[str, str]:
    return {
        "1": str(Phase.PHASE1.label),
        "2": str(Phase.PHASE2.label),
        "3": str(Phase.PHASE3.label),
        "4": str(Phase.PHASE4.label),
        "-": str(Phase.NA.label),
    }


def _read(form: forms.Form) -> tuple[dict[str, Any], int]:
    """A GET form's cleaned data and the status to answer: ({}, 200) when not submitted,
    ({}, 400) when invalid (the form shows its errors)."""
    if not form.is_bound:
        return {}, 200
    if not form.is_valid():
        return {}, 400
    return form.cleaned_data, 200


@require_GET
def trial_list(request: HttpRequest) -> HttpResponse:
    form = TrialFilterForm(request.GET or None)
    data, status = _read(form)
    filters = queries.TrialFilters(**{k: v for k, v in data.items() if v not in (None, "")})
    page = Paginator(queries.trials(filters), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "trials/list.html",
        {"form": form, "page": page, "current": "trials"},
        status=status,
    )


@require_GET
def trial_detail(request: HttpRequest, trial_id: str) -> HttpResponse:
    try:
        detail = queries.trial_detail(request.user, trial_id)
    except Trial.DoesNotExist:
        raise Http404(_("No trial with this id.")) from None
    return render(
        request, "trials/detail.html", {"d": detail, "t": detail.trial, "current": "trials"}
    )


def _invite_events(user: Any) -> list[tuple[str, str]]:
    """(slug, name) of the events not over yet that `user` may invite sites to."""
    # Over in each event's own zone: the reader's date (their zone is active) is no test.
    events = events_ahead(managed_events(user).order_by("start_date", "name"))
    return [(event.slug, local_name(event)) for event in events]


@require_GET
def site_finder(request: HttpRequest) -> HttpResponse:
    form = SiteFinderForm(request.GET or None)
    data, status = _read(form)
    results = queries.find_sites(queries.SiteSearch(**data)) if data else []
    return render(
        request,
        "trials/sites.html",
        {
            "form": form,
            "results": results,
            "current": "sites",
            "invite_events": _invite_events(request.user) if results else [],
        },
        status=status,
    )


@login_required
@require_POST
def invite_site(request: HttpRequest, org_id: str) -> HttpResponse:
    """Invite a site to an event the user organises (the events app's invitation), then back
    to the finder's results."""
    event = managed_events(request.user).filter(slug=request.POST.get("event", "")).first()
    if event is None:
        raise Http404(_("No event with this name."))
    try:
        invitation = invite_organization(request.user, event, org_id)
    except EventError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("%(site)s is invited to %(event)s.")
            % {"site": local_name(invitation.organization), "event": local_name(event)},
        )
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = reverse("trials:sites")
    return redirect(back)


@require_GET
def site_profile(request: HttpRequest, org_id: str) -> HttpResponse:
    try:
        profile = queries.site_profile(org_id)
    except Organization.DoesNotExist:
        raise Http404(_("No organisation with this id.")) from None
    areas = [
        {"label": label_of(TherapeuticArea, r["area"] or "other"), "n": r["n"]}
        for r in profile.by_area
    ]
    return render(
        request,
        "trials/site.html",
        {
            "p": profile,
            "areas": areas,
            "area_svg": trials_charts.bar_chart(areas, "label", "n", _("Trials")),
            "phase_svg": trials_charts.phase_year_chart(
                profile.by_phase_year, phase_labels(), _("Trials")
            ),
            "current": "sites",
        },
    )


@require_GET
def korea_share(request: HttpRequest) -> HttpResponse:
    rows = queries.korea_share_by_year()
    observed = konect_observations()
    target = next((p for p in targets_progress() if p["target"].pk == KOREA_TARGET), None)
    return render(
        request,
        "trials/korea.html",
        {
            "rows": rows,
            "svg": trials_charts.share_chart(
                rows,
                observed,
                _("Share of industry trials with a site in Korea (%)"),
                {"imported": _("Imported trials"), "konect": _("KoNECT (published)")},
            ),
            "observed": observed,
            "target": target,
            "current": "korea",
        },
    )


@fragment_of("web:asset", "trial-sites", keep=("asset_id",))
@require_GET
def asset_sites(request: HttpRequest, asset_id: str) -> HttpResponse:
    """Sites with experience in an asset's indication and the phase it is in or enters
    (loaded into the asset's page by htmx); the asset comes through the funnel."""
    try:
        asset = access_asset(request.user, asset_id)
    except Asset.DoesNotExist:
        raise Http404(_("No asset with this id.")) from None
    indication, phase, results = queries.sites_for_asset(asset)
    return render(
        request,
        "trials/_asset_sites.html",
        {"indication": indication, "phase": phase, "results": results},
    )
