from django.urls import path

from eigyo.transfer import export_views

app_name = "export"
urlpatterns = [
    path("<slug:key>.<slug:fmt>", export_views.export_list, name="list"),
]
