"""The notification centre."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from egov.lib.http import AuthenticatedRequest
from egov.notifications import actions
from egov.notifications.queries import notifications_of

NOTIFICATIONS_PER_PAGE = 50


@login_required
@require_safe
def centre(request: AuthenticatedRequest) -> HttpResponse:
    items = list(notifications_of(request.user)[:NOTIFICATIONS_PER_PAGE])
    return render(request, "notifications/centre.html", {"notifications": items})


@login_required
@require_POST
def mark_all_read(request: AuthenticatedRequest) -> HttpResponse:
    count = actions.mark_notifications_read(user=request.user)
    if count:
        messages.success(request, _("All notifications are marked as read."))
    return redirect("notifications:centre")
