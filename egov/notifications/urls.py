from django.urls import path

from egov.notifications import views

app_name = "notifications"

urlpatterns = [
    path("my/notifications/", views.centre, name="centre"),
    path("my/notifications/read/", views.mark_all_read, name="mark_all_read"),
]
