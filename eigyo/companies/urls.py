from django.urls import path

from eigyo.companies import field_views, views

app_name = "companies"
urlpatterns = [
    path("", views.company_list, name="list"),
    path("new/", views.company_create, name="create"),
    path("suggest/", views.company_suggest, name="suggest"),
    path("<int:pk>/", views.company_detail, name="detail"),
    path("<int:pk>/edit/", views.company_edit, name="edit"),
    path("<int:pk>/registry/", views.company_link_registry, name="link_registry"),
    path("<int:pk>/merge/<int:other>/", views.company_merge, name="merge"),
    path("fields/", field_views.field_list, name="fields"),
    path("fields/<int:pk>/", field_views.field_edit, name="field_edit"),
    path("fields/<int:pk>/delete/", field_views.field_delete, name="field_delete"),
    path("registry/<int:pk>/adopt/", views.registry_adopt, name="registry_adopt"),
]
