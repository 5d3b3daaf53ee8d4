"""The top floor's pages keep the paths they had under portfolio and follow-ups."""

from django.urls import path

from eigyo.agenda import feed, inbox_views, pickers, views

app_name = "agenda"
urlpatterns = [
    path("", views.home, name="home"),
    path("portfolio/agenda/", views.agenda, name="today"),
    path("portfolio/plan/", views.plan, name="plan"),
    path("portfolio/benchmarks/", views.benchmark_page, name="benchmarks"),
    path("portfolio/calendar/", feed.manage, name="feed_manage"),
    path("follow-ups/dashboard/", views.dashboard, name="dashboard"),
    path("feed/<str:token>.ics", feed.ics, name="feed"),
    path("search/", views.search_page, name="search"),
    path("inbox/", inbox_views.inbox_page, name="inbox"),
    path("inbox/<int:pk>/", inbox_views.open_notice, name="open_notice"),
    path("inbox/read-all/", inbox_views.read_all, name="read_all"),
    path("pick/company/", pickers.pick_company, name="pick_company"),
]
