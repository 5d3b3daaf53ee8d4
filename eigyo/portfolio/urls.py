from django.urls import path

from eigyo.portfolio import agenda_views, feed, views

app_name = "portfolio"
urlpatterns = [
    path("", views.relationship_list, name="list"),
    path("new/", views.relationship_create, name="create"),
    path("<int:pk>/", views.relationship_detail, name="detail"),
    path("agenda/", agenda_views.agenda, name="agenda"),
    path("plan/", agenda_views.plan, name="plan"),
    path("to-sort/", agenda_views.winnowing, name="winnowing"),
    path("benchmarks/", agenda_views.benchmark_page, name="benchmarks"),
    path("settings/", views.settings_page, name="settings"),
    path("calendar/", feed.manage, name="feed_manage"),
]
