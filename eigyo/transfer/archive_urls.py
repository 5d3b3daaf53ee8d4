from django.urls import path

from eigyo.transfer import archive_views

app_name = "orgexport"
urlpatterns = [
    path("", archive_views.archive_index, name="index"),
    path("<int:pk>/", archive_views.archive_detail, name="detail"),
    path("<int:pk>/download/", archive_views.archive_download, name="download"),
]
