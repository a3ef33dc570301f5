from django.contrib import admin

from egov.accounts.models import User
from egov.lib.admin import ReadOnlyAdmin


@admin.register(User)
class UserAdmin(ReadOnlyAdmin):
    list_display = ["email", "name", "role", "is_active", "date_joined"]
    list_filter = ["role", "is_active"]
    search_fields = ["email"]
    # The console shows no personal contact data: viewing it must go through a
    # page that records an access event.
    exclude = ["password", "phone", "phone_index"]
