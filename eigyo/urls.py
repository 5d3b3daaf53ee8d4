"""URL map: pages per app, the API under /api/."""

from django.contrib import admin
from django.urls import include, path

from eigyo.accounts import security_views
from eigyo.api import api

urlpatterns = [
    path("", include("eigyo.agenda.urls")),
    path("accounts/", include("eigyo.accounts.urls")),
    path("companies/registry/", include("eigyo.registry.urls")),
    path("companies/import/", include("eigyo.transfer.urls")),
    path("companies/", include("eigyo.prospecting.urls")),
    path("calls/", include("eigyo.prospecting.call_urls")),
    path("introductions/", include("eigyo.prospecting.intro_urls")),
    path("leads/import/", include("eigyo.transfer.lead_urls")),
    path("leads/", include("eigyo.prospecting.lead_urls")),
    path("companies/", include("eigyo.companies.urls")),
    path("people/", include("eigyo.contacts.urls")),
    path("portfolio/", include("eigyo.worktime.urls")),
    path("portfolio/", include("eigyo.portfolio.urls")),
    path("activities/", include("eigyo.activities.urls")),
    path("deals/", include("eigyo.deals.urls")),
    path("follow-ups/", include("eigyo.followups.urls")),
    path("audit/", include("eigyo.audit.urls")),
    path("partners/", include("eigyo.partners.urls")),
    path("export/", include("eigyo.transfer.export_urls")),
    path("organisation/export/", include("eigyo.transfer.archive_urls")),
    path("api/", api.urls),
    # The admin signs in through eigyo's login (throttled, with its second step), never
    # through a login page of its own.
    path("admin/login/", security_views.login),
    path("admin/", admin.site.urls),
]
