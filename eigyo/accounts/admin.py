from django.contrib import admin

from eigyo.accounts.models import ApiToken, Membership, Organisation, Team, User


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ["email", "family_name", "given_name", "language", "is_active"]
    search_fields = ["email", "family_name", "given_name", "family_kana"]
    exclude = ["password"]


admin.site.register([Organisation, Team, Membership])


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "prefix", "created_at", "revoked_at"]
    readonly_fields = ["key_hash", "prefix"]
