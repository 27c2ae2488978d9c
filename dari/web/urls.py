"""Pages of the directory, accounts page and editing."""

from django.urls import path

from dari.web import account_views, views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("clusters/", views.cluster_list, name="clusters"),
    path("clusters/<str:cluster_id>/", views.cluster_detail, name="cluster"),
    path("organizations/", views.organization_list, name="organizations"),
    path("organizations/suggest", views.organization_suggest, name="organization-suggest"),
    path("organizations/<str:org_id>/", views.organization_detail, name="organization"),
    path("organizations/<str:org_id>/edit", views.organization_edit, name="organization-edit"),
    path("organizations/<str:org_id>/links", views.organization_links, name="organization-links"),
    path("organizations/<str:org_id>/assets/new", views.asset_new, name="asset-new"),
    path("assets/", views.asset_list, name="assets"),
    path("assets/compare", views.asset_compare, name="asset-compare"),
    path("assets/<str:asset_id>/", views.asset_detail, name="asset"),
    path("assets/<str:asset_id>/edit", views.asset_edit, name="asset-edit"),
    path("assets/<str:asset_id>/partners", views.asset_partners, name="asset-partners"),
    path(
        "organizations/<str:org_id>/recommended-assets",
        views.organization_recommended_assets,
        name="organization-recommended",
    ),
    path("deals/", views.deal_list, name="deals"),
    path("deals/<str:deal_id>/", views.deal_detail, name="deal"),
    path("investments/", views.investment_list, name="investments"),
    path("investments/<str:investment_id>/", views.investment_detail, name="investment"),
    path("me/", account_views.me, name="me"),
    path(
        "organizations/<str:org_id>/members",
        account_views.organization_members,
        name="organization-members",
    ),
]
