from django.urls import path

from eigyo.transfer import views

app_name = "transfer"
urlpatterns = [
    path("", views.import_start, name="import"),
    path("template.csv", views.import_template, name="import_template"),
    path("<int:pk>/", views.import_detail, name="import_detail"),
]
