"""Who knows whom: /introductions/path/ — the warmest way in."""

from django.urls import path

from eigyo.prospecting import path_views

app_name = "intros"
urlpatterns = [
    path("path/", path_views.warmest, name="path"),
    path("people/<int:pk>/", path_views.ties, name="ties"),
]
