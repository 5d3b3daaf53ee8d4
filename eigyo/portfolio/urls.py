from django.urls import path

from eigyo.portfolio import views

app_name = "portfolio"
urlpatterns = [
    path("", views.relationship_list, name="list"),
    path("new/", views.relationship_create, name="create"),
    path("<int:pk>/", views.relationship_detail, name="detail"),
    path("to-sort/", views.winnowing, name="winnowing"),
    path("bulk/", views.bulk, name="bulk"),
    path("settings/", views.settings_page, name="settings"),
]
