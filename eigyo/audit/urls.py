from django.urls import path

from eigyo.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.events, name="events"),
    path("requests/", views.request_list, name="requests"),
    path("requests/new/", views.request_create, name="request_create"),
    path("requests/<int:pk>/", views.request_detail, name="request"),
    path("people/", views.people, name="people"),
    path("people/<int:pk>/", views.person_package, name="package"),
    path("people/<int:pk>/disclosure.json", views.person_package_json, name="package_json"),
    path("people/<int:pk>/disclosure.csv", views.person_package_csv, name="package_csv"),
    path("people/<int:pk>/use/", views.person_use, name="person_use"),
    path("people/<int:pk>/erase/", views.person_erase, name="person_erase"),
    path("provision/", views.provisions, name="provisions"),
    path("triage/", views.leak_triage, name="triage"),
]
