"""URL map: pages per app, the API under /api/."""

from django.contrib import admin
from django.urls import include, path

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
    path("export/", include("eigyo.transfer.export_urls")),
    path("organisation/export/", include("eigyo.transfer.archive_urls")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]
