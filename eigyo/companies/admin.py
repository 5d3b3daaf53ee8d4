from django.contrib import admin

from eigyo.companies.models import Company


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    list_display = ["legal_name", "org", "corporate_number", "sector33", "prefecture"]
    search_fields = ["legal_name", "kana", "corporate_number"]
    list_filter = ["org"]
    raw_id_fields = ["registry"]
