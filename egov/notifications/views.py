"""The notification centre, the settings for being told, and the development outbox."""

from __future__ import annotations

from typing import cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from egov.lib.forms import show_action_error
from egov.lib.http import posted
from egov.notifications import actions, outbox, sms
from egov.notifications.forms import OFF, ON, PreferencesForm
from egov.notifications.queries import notifications_of, preference_for
from egov.notifications.sending import Recipient

NOTIFICATIONS_PER_PAGE = 50


def _signed_in(request: HttpRequest) -> Recipient:
    """The person behind ``login_required``, as notifications know people (never accounts.User)."""
    return cast(Recipient, request.user)


@login_required
@require_safe
def centre(request: HttpRequest) -> HttpResponse:
    items = list(notifications_of(_signed_in(request))[:NOTIFICATIONS_PER_PAGE])
    return render(request, "notifications/centre.html", {"notifications": items})


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    count = actions.mark_notifications_read(user=_signed_in(request))
    if count:
        messages.success(request, _("All notifications are marked as read."))
    return redirect("notifications:centre")


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    current = preference_for(_signed_in(request))
    form = PreferencesForm(
        posted(request),
        initial={"email": current.email, "sms": ON if current.sms else OFF},
        offer_sms=sms.available(),
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.set_preferences(
                user=_signed_in(request),
                email=form.cleaned_data["email"],
                sms=form.cleaned_data.get("sms", False),
            )
        except ValidationError as error:
            show_action_error(form, error)
        else:
            messages.success(request, _("Your notification settings are saved."))
            return redirect("notifications:preferences")
    return render(
        request,
        "notifications/preferences.html",
        {"form": form, "has_phone": bool(getattr(request.user, "phone", ""))},
        status=400 if form.errors else 200,
    )


def _outbox_enabled() -> None:
    # Development only: in any other setting the pages do not exist.
    if not settings.OUTBOX_ENABLED:
        raise Http404


@require_safe
def outbox_list(request: HttpRequest) -> HttpResponse:
    _outbox_enabled()
    return render(
        request,
        "notifications/outbox.html",
        {"messages_sent": outbox.messages(), "folder": settings.OUTBOX_DIR},
    )


@require_safe
def outbox_message(request: HttpRequest, name: str) -> HttpResponse:
    _outbox_enabled()
    message = outbox.message(name)
    if message is None:
        raise Http404
    return render(request, "notifications/outbox_message.html", {"message": message})
