from django.contrib import admin

from egov.agencies.models import Agency, Officer, Unit
from egov.lib.admin import ReadOnlyAdmin


@admin.register(Agency)
class AgencyAdmin(ReadOnlyAdmin):
    list_display = ["code", "name_en", "name_ko", "kind", "parent"]
    list_filter = ["kind"]


@admin.register(Unit)
class UnitAdmin(ReadOnlyAdmin):
    list_display = ["code", "name_en", "name_ko", "agency"]
    list_select_related = ["agency"]


@admin.register(Officer)
class OfficerAdmin(ReadOnlyAdmin):
    list_display = ["user", "position_en", "unit"]
    list_select_related = ["user", "unit__agency"]
