from django.contrib import admin

from eigyo.registry.models import RegistryEntry


@admin.register(RegistryEntry)
class RegistryEntryAdmin(admin.ModelAdmin):
    list_display = ["name", "corporate_number", "securities_code", "sector33", "size_class"]
    search_fields = ["name", "name_en", "corporate_number", "securities_code"]
