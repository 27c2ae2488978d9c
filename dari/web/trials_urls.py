"""Pages of the clinical trials, mounted at /trials/."""

from django.urls import path

from dari.web import trials_views as v

app_name = "trials"
urlpatterns = [
    path("", v.trial_list, name="list"),
    path("sites/", v.site_finder, name="sites"),
    path("sites/<str:org_id>/", v.site_profile, name="site"),
    path("sites/<str:org_id>/invite", v.invite_site, name="invite"),
    path("korea/", v.korea_share, name="korea"),
    path("asset-sites/<str:asset_id>/", v.asset_sites, name="asset-sites"),
    path("<str:trial_id>/", v.trial_detail, name="detail"),
]
