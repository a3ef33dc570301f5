"""Ask "Was this page useful?" on every public page (templates/base.html shows the link)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.http import urlencode

from egov.participation.limits import FEEDBACK_PATH_MAX_LENGTH

# Staff pages and Django's admin are not public pages.
NOT_PUBLIC = ("/staff/",)


def page_feedback(request: HttpRequest) -> dict[str, Any]:
    path = request.path
    answer_page = reverse("participation:page_feedback")
    if (
        request.method != "GET"
        or len(path) > FEEDBACK_PATH_MAX_LENGTH
        or path.startswith(NOT_PUBLIC)
        or path.startswith("/" + settings.ADMIN_PATH)
        or path == answer_page
    ):
        return {}
    # A link, not a form: a form would put a CSRF token (different on every
    # request) into every page and set a cookie for every visitor.
    url = f"{answer_page}?{urlencode({'path': path})}"
    return {"page_feedback": {"template": "participation/_page_feedback.html", "url": url}}
