from django.urls import path

from eigyo.accounts import security_views, views

app_name = "accounts"
urlpatterns = [
    path("login/", security_views.login, name="login"),
    path("login/code/", security_views.verify, name="verify"),
    path("two-factor/", security_views.two_factor, name="two_factor"),
    path("sessions/end-others/", security_views.end_other_sessions, name="end_other_sessions"),
    path("members/", security_views.members, name="members"),
    path(
        "members/<int:pk>/end-sessions/",
        security_views.end_member_sessions,
        name="end_member_sessions",
    ),
    path("password/reset/", security_views.password_reset, name="password_reset"),
    path("password/reset/sent/", security_views.password_reset_done, name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        security_views.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        security_views.password_reset_complete,
        name="password_reset_complete",
    ),
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
