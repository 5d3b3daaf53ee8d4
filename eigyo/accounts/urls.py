from django.urls import path

from eigyo.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.login, name="login"),
    path("logout/", views.logout, name="logout"),
    path("password/", views.password_change, name="password_change"),
    path("password/done/", views.password_change_done, name="password_change_done"),
    path("preferences/", views.preferences, name="preferences"),
    path("language/", views.switch_language, name="language"),
    path("tokens/", views.tokens, name="tokens"),
    path("tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
    path("views/", views.save_view, name="save_view"),
    path("views/<int:pk>/delete/", views.delete_view, name="delete_view"),
]
