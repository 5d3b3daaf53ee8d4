from django.urls import path

from eigyo.deals import views

app_name = "deals"
urlpatterns = [
    path("", views.deal_list, name="list"),
    path("board/", views.deal_board, name="board"),
    path("insights/", views.deal_insights, name="insights"),
    path("probabilities/", views.probabilities, name="probabilities"),
    path("new/", views.deal_create, name="create"),
    path("<int:pk>/", views.deal_detail, name="detail"),
    path("<int:pk>/edit/", views.deal_edit, name="edit"),
    path("<int:pk>/stage/", views.deal_stage, name="stage"),
    path("<int:pk>/map.svg", views.deal_map, name="map"),
    path("<int:pk>/<str:kind>/new/", views.child_form, name="child_create"),
    path("<int:pk>/<str:kind>/<int:child>/", views.child_form, name="child_edit"),
]
