"""Recording who looked at whose personal data."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import models, transaction
from django.utils import timezone

from egov.audit.context import client_address
from egov.lib.people import Person
from egov.privacy.models import AccessEvent, AccessPurpose


def record_access(
    *,
    viewer: Person,
    owner: Person,
    fields: Sequence[str],
    purpose: AccessPurpose,
    subject: models.Model | None = None,
) -> AccessEvent | None:
    """Log that ``viewer`` was shown ``fields`` of ``owner``'s personal data.

    Call it from the view that displays the data, before it renders. Looking
    at one's own data is not logged (returns None). This is the record of
    the access; no audit event is written as well.
    """
    if viewer.pk == owner.pk:
        return None
    if not fields:
        raise ValueError("an access event must name the fields that were shown")
    # Its own transaction (a savepoint inside a caller's): displaying data is
    # not an action, but the log row must be whole or absent.
    with transaction.atomic():
        return AccessEvent.objects.create(
            occurred_at=timezone.now(),
            viewer_id=viewer.pk,
            viewer_role=viewer.role,
            owner_id=owner.pk,
            fields=list(fields),
            purpose=purpose,
            subject_type=subject._meta.label_lower if subject is not None else "",
            subject_id=str(subject.pk) if subject is not None else "",
            ip_address=client_address.get(),
        )
