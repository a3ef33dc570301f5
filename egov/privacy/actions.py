"""Writes of the privacy app: re-encrypting stored values under the newest key."""

from __future__ import annotations

from django.apps import apps
from django.db import models, transaction
from django.db.models.functions import Cast

from egov import audit
from egov.audit.models import AuditAction
from egov.privacy.crypto import DecryptionError, decrypt, newest_key_version
from egov.privacy.fields import EncryptedTextField

ROTATION_BATCH_SIZE = 500


def encrypted_fields() -> list[tuple[type[models.Model], EncryptedTextField]]:
    """Every encrypted field of every installed model."""
    return [
        (model, field)
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, EncryptedTextField) and field.model is model
    ]


def rotate_field_keys(*, batch_size: int = ROTATION_BATCH_SIZE) -> dict[str, int]:
    """Re-encrypt every stored value that is not under the newest key version.

    Returns how many values were re-encrypted, per field (``app.model.field``).

    Not one transaction but one per batch, so that a table of millions of
    rows neither holds its locks for the whole run nor starts over after a
    crash: the work is idempotent (values already under the newest key are
    skipped), so running it again finishes the job. The audit event is
    recorded once, in its own transaction, after the last batch.
    """
    version = newest_key_version()
    counts: dict[str, int] = {}
    for model, field in encrypted_fields():
        counts[field.encryption_context] = _rotate_field(model, field, version, batch_size)
    with transaction.atomic():
        audit.record(
            actor=None,
            action=AuditAction.FIELD_KEYS_ROTATED,
            detail={"key_version": version, "re_encrypted": sum(counts.values()), **counts},
        )
    return counts


def _rotate_field(
    model: type[models.Model], field: EncryptedTextField, version: int, batch_size: int
) -> int:
    # The stored token, read as plain text so that the field does not decrypt it.
    stale = (
        model._base_manager.annotate(stored=Cast(field.name, output_field=models.TextField()))
        .filter(stored__isnull=False)
        .exclude(stored="")
        .exclude(stored__startswith=f"v{version}$")
        .order_by("pk")
    )
    done = 0
    last_pk = None
    while True:
        with transaction.atomic():
            batch = stale if last_pk is None else stale.filter(pk__gt=last_pk)
            # Locked until the batch commits, so a concurrent edit is not overwritten.
            rows = list(batch.select_for_update().values_list("pk", "stored")[:batch_size])
            for pk, token in rows:
                try:
                    plaintext = decrypt(token, context=field.encryption_context)
                except DecryptionError as error:
                    raise DecryptionError(f"{error} (row id {pk})") from error
                # The field encrypts on the way in, under the newest key.
                model._base_manager.filter(pk=pk).update(**{field.name: plaintext})
        if not rows:
            return done
        done += len(rows)
        last_pk = rows[-1][0]
