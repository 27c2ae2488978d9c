"""Django admin for platform admins: ingested documents and their candidates (read mostly;
decisions go through the review queue so that provenance is kept)."""

from django.contrib import admin

from dari.curation import models as m


@admin.register(m.Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["id", "source_url", "language", "created"]
    search_fields = ["source_url", "text"]


@admin.register(m.Candidate)
class CandidateAdmin(admin.ModelAdmin):
    list_display = ["id", "kind", "status", "document", "decided_by", "decided_at", "record_id"]
    list_filter = ["kind", "status"]
    readonly_fields = ["extracted", "evidence", "confidence", "spans", "suggested", "approved"]
