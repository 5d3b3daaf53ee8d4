from django.urls import path

from eigyo.transfer import people_views, views

app_name = "transfer"
urlpatterns = [
    path("", views.import_start, name="import"),
    path("template.csv", views.import_template, name="import_template"),
    path("<int:pk>/", views.import_detail, name="import_detail"),
    path("people/", people_views.people_import_start, name="people_import"),
    path("people/template.csv", people_views.people_import_template, name="people_template"),
    path("people/vcard/", people_views.people_vcard, name="people_vcard"),
    path("people/<int:pk>/vcard/", people_views.person_vcard, name="person_vcard"),
]
