from django.urls import path

from eigyo.companies import views

app_name = "companies"
urlpatterns = [
    path("", views.company_list, name="list"),
    path("new/", views.company_create, name="create"),
    path("<int:pk>/", views.company_detail, name="detail"),
    path("<int:pk>/edit/", views.company_edit, name="edit"),
    path("<int:pk>/registry/", views.company_link_registry, name="link_registry"),
    path("registry/", views.registry_list, name="registry"),
    path("registry/<int:pk>/", views.registry_detail, name="registry_detail"),
    path("registry/<int:pk>/adopt/", views.registry_adopt, name="registry_adopt"),
]
