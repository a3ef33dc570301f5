from django.urls import path

from egov.notifications import views

app_name = "notifications"

urlpatterns = [
    path("my/notifications/", views.centre, name="centre"),
    path("my/notifications/read/", views.mark_all_read, name="mark_all_read"),
    path("my/notifications/settings/", views.preferences, name="preferences"),
    path("dev/outbox/", views.outbox_list, name="outbox"),
    path("dev/outbox/<str:name>/", views.outbox_message, name="outbox_message"),
]
