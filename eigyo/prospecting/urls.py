from django.urls import path

from eigyo.prospecting import views

app_name = "prospecting"
urlpatterns = [
    path("<int:pk>/similar/", views.company_spider, name="spider"),
    path("avatar/", views.avatar_page, name="avatar"),
]
