from django.urls import path

from egov.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("services/<slug:slug>/", views.service, name="service"),
    path("my/", views.dashboard, name="dashboard"),
    path("my/data-access/", views.data_access, name="data_access"),
    path("language/", views.set_language, name="set_language"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
]
