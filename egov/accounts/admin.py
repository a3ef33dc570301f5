from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.models import Group

from egov.accounts.models import User
from egov.lib.masking import mask_address, mask_date_of_birth, mask_email, mask_name
from egov.privacy.admin import PersonalDataAdmin

# Roles, not groups, say what someone may do; Django's own page for groups
# wrote permissions around the actions and the audit log, in a console that is
# read-only everywhere else.
admin.site.unregister(Group)


@admin.register(User)
class UserAdmin(PersonalDataAdmin):
    list_display = ["email", "name", "role", "is_active", "date_joined"]
    list_filter = ["role", "is_active"]
    search_fields = ["email"]
    # The console shows no phone number at all (viewing one goes through a page
    # that records why), and the rest of a person's data masked.
    exclude = ["password", "phone", "phone_index"]
    masked_fields = {
        "email": mask_email,
        "name": mask_name,
        "address": mask_address,
        "date_of_birth": mask_date_of_birth,
    }

    def masked_title(self, obj: User) -> str:
        return mask_email(obj.email)

    def personal_data_owner(self, obj: User) -> User:
        return obj
