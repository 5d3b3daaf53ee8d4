"""Cold calls: /calls/ — call lists and the calling screen; /calls/scripts/ — scripts."""

from django.urls import path

from eigyo.prospecting import call_views as views

app_name = "calls"
urlpatterns = [
    path("", views.call_lists, name="lists"),
    path("<int:pk>/", views.call_list, name="list"),
    path("<int:pk>/call/", views.calling, name="calling"),
    path("scripts/", views.scripts, name="scripts"),
    path("outcomes/", views.outcomes, name="outcomes"),
    path("scripts/<int:pk>/", views.script_detail, name="script"),
]
