from django.contrib import admin

from eigyo.portfolio.models import Relationship, TierChange


@admin.register(Relationship)
class RelationshipAdmin(admin.ModelAdmin):
    list_display = ["company", "owner", "tier", "tier_since", "org"]
    list_filter = ["tier", "org"]
    raw_id_fields = ["company"]


admin.site.register(TierChange)
