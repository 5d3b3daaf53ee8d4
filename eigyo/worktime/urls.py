from django.urls import path

from eigyo.worktime import views

app_name = "worktime"
urlpatterns = [
    path("days-off/", views.days_off, name="days_off"),
]
