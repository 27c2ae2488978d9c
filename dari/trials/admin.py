from django.contrib import admin

from dari.trials.models import Investigator, SiteAlias, SiteProfile, Trial, TrialAsset, TrialSite


class TrialSiteInline(admin.TabularInline):
    model = TrialSite
    extra = 0
    raw_id_fields = ("organization",)


class InvestigatorInline(admin.TabularInline):
    model = Investigator
    extra = 0
    raw_id_fields = ("organization",)


@admin.register(Trial)
class TrialAdmin(admin.ModelAdmin):
    list_display = ("id", "title", "status", "start_date", "sponsor_name", "in_korea", "synthetic")
    list_filter = ("status", "in_korea", "synthetic", "origin", "area")
    search_fields = ("id", "title", "sponsor_name")
    raw_id_fields = ("lead_sponsor", "collaborators")
    inlines = [TrialSiteInline, InvestigatorInline]


@admin.register(TrialAsset)
class TrialAssetAdmin(admin.ModelAdmin):
    list_display = ("trial", "asset", "source_url")
    raw_id_fields = ("trial", "asset")


@admin.register(SiteProfile)
class SiteProfileAdmin(admin.ModelAdmin):
    list_display = ("organization", "origin", "phase1_unit")
    list_filter = ("origin", "phase1_unit")
    raw_id_fields = ("organization",)


@admin.register(SiteAlias)
class SiteAliasAdmin(admin.ModelAdmin):
    list_display = ("text", "organization")
    search_fields = ("text", "key")
    raw_id_fields = ("organization",)
