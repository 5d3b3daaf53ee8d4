"""Introductions: the ledger, who knows whom, the warmest way in."""

from django.urls import path

from eigyo.prospecting import path_views

app_name = "intros"
urlpatterns = [
    path("", path_views.ledger, name="ledger"),
    path("ledger/<int:pk>/", path_views.ledger_person, name="ledger_person"),
    path("path/", path_views.warmest, name="path"),
    path("people/<int:pk>/", path_views.ties, name="ties"),
]
