from django.urls import path

from eigyo.partners import training_views, views

app_name = "partners"
urlpatterns = [
    path("", views.partner_list, name="list"),
    path("new/", views.partner_create, name="create"),
    path("checklist/", views.checklist, name="checklist"),
    path("checklist/<int:item>/", views.checklist, name="checklist_item"),
    path("training/", training_views.training, name="training"),
    path("training/sessions/<int:pk>/", training_views.session_detail, name="session"),
    path("contracts/<int:pk>/", views.contract_detail, name="contract"),
    path("contracts/<int:pk>/edit/", views.contract_edit, name="contract_edit"),
    path("contracts/<int:pk>/<str:kind>/new/", views.contract_record, name="record_create"),
    path(
        "contracts/<int:pk>/<str:kind>/<int:record>/",
        views.contract_record,
        name="record_edit",
    ),
    path("deals/<int:pk>/confirm-win/", views.confirm_win, name="confirm_win"),
    path("<int:pk>/", views.partner_detail, name="detail"),
    path("<int:pk>/edit/", views.partner_edit, name="edit"),
    path("<int:pk>/stage/", views.partner_stage, name="stage"),
    path("<int:pk>/checks/<int:check>/", views.check_edit, name="check"),
    path("<int:pk>/contracts/new/", views.contract_create, name="contract_create"),
    path("<int:pk>/trainees/new/", training_views.trainee_create, name="trainee_create"),
]
