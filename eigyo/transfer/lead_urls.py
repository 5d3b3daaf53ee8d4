"""Importing leads: /leads/import/."""

from django.urls import path

from eigyo.transfer import lead_views

app_name = "lead_import"
urlpatterns = [path("", lead_views.lead_import, name="start")]
