"""Staff search: find the cases one handles by words in Korean, English or Indonesian.

Only case handlers reach the page; everyone else gets the 404 of a page that
does not exist. The citizen's name is shown masked: a list of search hits is
for recognising a case, and the case page shows the rest to those who open it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from egov.accounts.http import AuthenticatedRequest
from egov.complaints import rules
from egov.complaints.models import Complaint
from egov.complaints.search import RESULTS_LIMIT, search_complaints
from egov.lib import forms as egov_forms
from egov.lib.masking import mask_name
from egov.lib.search import parse_query

QUERY_MAX_LENGTH = 200


class ComplaintSearchForm(egov_forms.Form):
    """The one parser of the search box (it lives beside its only page)."""

    q = forms.CharField(
        label=_("Search complaints"),
        max_length=QUERY_MAX_LENGTH,
        help_text=_(
            "Words from the title, the complaint or the answer, in Korean, English or "
            "Indonesian, or a receipt number such as EP-2611-0000123. Every word must match."
        ),
        error_messages={"required": _("Type what to search for.")},
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )

    def clean_q(self) -> str:
        text: str = self.cleaned_data["q"]
        if not parse_query(text):
            raise forms.ValidationError(
                _("Type at least one word of two letters, a Korean syllable or a number."),
                code="no_terms",
            )
        return text


@dataclass(frozen=True)
class SearchHit:
    complaint: Complaint
    citizen_name: str


@login_required
@require_GET
def search(request: AuthenticatedRequest) -> HttpResponse:
    if rules.staff_scope(request.user) is None:
        raise Http404
    form = ComplaintSearchForm(request.GET if "q" in request.GET else None)
    hits: list[SearchHit] | None = None
    more = False
    if form.is_valid():
        found = search_complaints(request.user, form.cleaned_data["q"], limit=RESULTS_LIMIT + 1)
        more = len(found) > RESULTS_LIMIT
        hits = [
            SearchHit(complaint, mask_name(complaint.citizen.name))
            for complaint in found[:RESULTS_LIMIT]
        ]
    return render(
        request,
        "complaints/search/results.html",
        {"form": form, "hits": hits, "more": more, "limit": RESULTS_LIMIT},
    )
