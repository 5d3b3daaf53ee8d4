from django.contrib import admin

from eigyo.contacts.models import Person


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["family_name", "given_name", "family_kana", "company", "org"]
    search_fields = ["family_name", "given_name", "family_kana", "given_kana"]
    raw_id_fields = ["company", "reports_to"]
