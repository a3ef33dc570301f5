from django.urls import path

from egov.agencies import views

app_name = "agencies"

urlpatterns = [
    path("unit/", views.my_unit, name="my_unit"),
    path("units/<int:unit_id>/", views.unit_roster, name="unit_roster"),
    path("calendar/", views.closures, name="closures"),
    path("calendar/<int:closure_id>/withdraw/", views.withdraw_closure, name="withdraw_closure"),
]
