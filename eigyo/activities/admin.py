from django.contrib import admin

from eigyo.activities.models import Activity


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["occurred_at", "kind", "company", "owner", "business_discussed"]
    list_filter = ["kind", "org"]
    raw_id_fields = ["company", "people"]
