from django.urls import path

from eigyo.followups import views

app_name = "followups"
urlpatterns = [
    path("", views.instruction_list, name="list"),
    path("new/", views.instruction_create, name="create"),
    path("<int:pk>/", views.instruction_detail, name="detail"),
    path("<slug:kind>/", views.simple_list, name="simple"),
    path("<slug:kind>/new/", views.simple_form, name="simple_create"),
    path("<slug:kind>/<int:pk>/", views.simple_form, name="simple_edit"),
]
