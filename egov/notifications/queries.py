"""Reads: a person's notifications and how they want to be told."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from egov.notifications.models import EmailChoice, Notification, Preference
from egov.notifications.sending import Recipient


def notifications_of(user: Recipient) -> QuerySet[Notification]:
    """The person's own notifications, newest first."""
    return Notification.objects.filter(recipient_id=user.pk)


def unread_count(user: Recipient) -> int:
    return Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True).count()


def default_preference(user: Recipient) -> Preference:
    """Citizens get an email per message; staff none, since they work from their queue."""
    return Preference(
        user_id=user.pk,
        email=EmailChoice.OFF if user.is_government_staff else EmailChoice.EACH,
        sms=False,
    )


def preference_for(user: Recipient) -> Preference:
    """The person's choices, or the defaults when they never made any."""
    stored = Preference.objects.filter(user_id=user.pk).first()
    return stored if stored is not None else default_preference(user)


def preferences_for(users: Iterable[Recipient]) -> dict[object, Preference]:
    """Everyone's choices in one query, by account id."""
    people = list(users)
    stored = Preference.objects.in_bulk([person.pk for person in people])
    return {person.pk: stored.get(person.pk) or default_preference(person) for person in people}
