"""Leads: /leads/ (list and entering one), /leads/<id>/, /leads/report/."""

from django.urls import path

from eigyo.prospecting import lead_views as views

app_name = "leads"
urlpatterns = [
    path("", views.lead_list, name="list"),
    path("<int:pk>/", views.lead_detail, name="detail"),
    path("report/", views.lead_report, name="report"),
]
