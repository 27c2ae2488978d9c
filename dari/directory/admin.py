"""Django admin for platform admins: the directory (imports remain the bulk path)."""

from django.contrib import admin

from dari.directory import models as m


@admin.register(m.Cluster)
class ClusterAdmin(admin.ModelAdmin):
    list_display = ["id", "name", "name_ko", "region", "country"]
    search_fields = ["id", "name", "name_ko", "region"]


@admin.register(m.Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["id", "name", "name_ko", "kind", "country", "cluster"]
    list_filter = ["kind", "country", "cluster"]
    search_fields = ["id", "name", "name_ko"]
    list_select_related = ["cluster"]


@admin.register(m.Asset)
class AssetAdmin(admin.ModelAdmin):
    list_display = ["id", "name", "organization", "modality", "stage", "visibility"]
    list_filter = ["visibility", "modality", "stage", "therapeutic_area"]
    search_fields = ["id", "name", "organization__name"]
    list_select_related = ["organization"]
    raw_id_fields = ["organization"]


@admin.register(m.Deal)
class DealAdmin(admin.ModelAdmin):
    list_display = ["id", "date", "licensor", "licensee", "deal_type", "total_value_usd_m"]
    list_filter = ["deal_type", "status"]
    search_fields = ["id", "licensor__name", "licensee__name"]
    list_select_related = ["licensor", "licensee"]
    raw_id_fields = ["licensor", "licensee", "asset"]


@admin.register(m.Investment)
class InvestmentAdmin(admin.ModelAdmin):
    list_display = ["id", "date", "recipient", "kind", "amount_usd_m"]
    list_filter = ["kind"]
    search_fields = ["id", "recipient__name"]
    list_select_related = ["recipient"]
    raw_id_fields = ["recipient"]


@admin.register(m.Facility)
class FacilityAdmin(admin.ModelAdmin):
    list_display = ["id", "name", "organization", "kind", "cluster", "shared_access"]
    list_filter = ["kind", "shared_access", "cluster"]
    search_fields = ["id", "name", "organization__name"]
    list_select_related = ["organization", "cluster"]


@admin.register(m.Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ["id", "name", "kind", "organizer", "start", "end"]
    list_filter = ["kind"]
    search_fields = ["id", "name", "name_ko"]
    list_select_related = ["organizer"]


@admin.register(m.Affiliation)
class AffiliationAdmin(admin.ModelAdmin):
    list_display = ["organization", "parent", "relation"]
    raw_id_fields = ["organization", "parent"]
