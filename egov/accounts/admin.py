from __future__ import annotations

from django.contrib import admin

from egov.accounts.models import User
from egov.lib.masking import mask_address, mask_date_of_birth, mask_email, mask_name
from egov.privacy.admin import PersonalDataAdmin


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
