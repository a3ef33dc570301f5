"""Store the phone number encrypted, with a blind index to find a user by it.

The data step encrypts numbers already stored in plain text and indexes
them; going back decrypts them again. It reads the stored text through a
Cast so that the field does not try to decrypt plain text.
"""

from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps
from django.db.models.functions import Cast

import egov.privacy.fields
from egov.privacy.crypto import blind_index, decrypt

# Frozen copies of accounts.queries.phone_digits/phone_index as they were
# when this migration was written, so later changes there cannot alter it.
PHONE_INDEX_CONTEXT = "accounts.user.phone"


def _phone_index(phone: str) -> str:
    digits = "".join(character for character in phone if "0" <= character <= "9")
    if phone.strip().startswith("+82"):
        national = digits[2:]
        digits = national if national.startswith("0") else "0" + national
    return blind_index(digits, context=PHONE_INDEX_CONTEXT) if digits else ""


def _stored_phones(apps: StateApps) -> list[tuple[int, str]]:
    User = apps.get_model("accounts", "User")
    return list(
        User.objects.exclude(phone="")
        .filter(phone__isnull=False)
        .annotate(stored=Cast("phone", output_field=models.TextField()))
        .values_list("pk", "stored")
    )


def encrypt_phones(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    User = apps.get_model("accounts", "User")
    for pk, plain in _stored_phones(apps):
        # The field encrypts on the way in.
        User.objects.filter(pk=pk).update(phone=plain, phone_index=_phone_index(plain))


def decrypt_phones(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    User = apps.get_model("accounts", "User")
    for pk, token in _stored_phones(apps):
        plain = decrypt(token, context="accounts.user.phone")
        # A Value with a plain TextField writes the text as it is, unencrypted.
        User.objects.filter(pk=pk).update(
            phone=models.Value(plain, output_field=models.TextField()), phone_index=""
        )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [
        migrations.AlterField(
            model_name="user",
            name="phone",
            field=egov.privacy.fields.EncryptedTextField(blank=True, verbose_name="phone number"),
        ),
        migrations.AddField(
            model_name="user",
            name="phone_index",
            field=models.CharField(blank=True, db_index=True, max_length=64),
        ),
        migrations.RunPython(encrypt_phones, decrypt_phones),
    ]
