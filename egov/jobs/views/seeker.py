"""A job seeker's saved searches, and the Atom feed of any search."""

from __future__ import annotations

import dataclasses

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from egov.accounts.http import AuthenticatedRequest
from egov.jobs import actions, rules
from egov.jobs.forms import SaveSearchForm, SearchForm
from egov.jobs.limits import FEED_SIZE
from egov.jobs.models import SavedSearch
from egov.jobs.search import search_postings
from egov.lib.forms import show_action_error
from egov.lib.http import posted


@login_required
@require_http_methods(["GET", "POST"])
def saved_searches(request: AuthenticatedRequest) -> HttpResponse:
    if not rules.can_save_search(request.user):
        raise Http404
    form = SaveSearchForm(posted(request), initial={"query": request.GET.urlencode()})
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_search(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            show_action_error(form, error, field="name")
        else:
            messages.success(request, _("The search is saved. New postings come once a day."))
            return redirect("jobs:saved_searches")
    saved = list(SavedSearch.objects.filter(user=request.user))
    return render(request, "jobs/saved_searches.html", {"form": form, "saved": saved})


@login_required
@require_POST
def delete_saved_search(request: AuthenticatedRequest, saved_id: str) -> HttpResponse:
    saved = SavedSearch.objects.filter(pk=int(saved_id), user=request.user).first()
    if saved is None:
        raise Http404
    actions.delete_saved_search(user=request.user, saved=saved)
    messages.success(request, _("The saved search is deleted."))
    return redirect("jobs:saved_searches")


@require_GET
def feed(request: HttpRequest) -> HttpResponse:
    """The newest postings of a search as an Atom feed (the same query string as the page)."""
    form = SearchForm(request.GET)
    if not form.is_valid():
        raise Http404
    # A feed is read for what is new, whatever order the page was sorted in.
    newest = dataclasses.replace(form.filters(), sort="newest")
    results = search_postings(newest, size=FEED_SIZE, with_facets=False)
    atom = Atom1Feed(
        title=_("Jobs: %(words)s") % {"words": form.cleaned_data.get("q") or _("all postings")},
        link=request.build_absolute_uri("/jobs/?" + request.GET.urlencode()),
        description=_("The newest postings of this search."),
        language=request.LANGUAGE_CODE,
    )
    for posting in results.page.items:
        url = request.build_absolute_uri(posting.get_absolute_url())
        atom.add_item(
            title=posting.title,
            link=url,
            unique_id=url,
            description=posting.description[:500],
            author_name=posting.company.name,
            pubdate=posting.date_posted,
            updateddate=posting.updated_at,
        )
    return HttpResponse(
        atom.writeString("utf-8"), content_type="application/atom+xml; charset=utf-8"
    )
