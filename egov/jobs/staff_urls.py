"""Employment officers' pages, mounted at /staff/jobs/."""

from django.urls import path, re_path

from egov.jobs.views import staff
from egov.lib.http import ID_PATTERN

app_name = "jobs_staff"

urlpatterns = [
    path("companies/", staff.companies, name="companies"),
    re_path(
        rf"^companies/(?P<company_id>{ID_PATTERN})/verify/$",
        staff.verify_company,
        name="verify_company",
    ),
    path("queue/", staff.queue, name="queue"),
    re_path(
        rf"^queue/(?P<posting_id>{ID_PATTERN})/(?P<decision>approve|reject|take-down|dismiss)/$",
        staff.moderate,
        name="moderate",
    ),
    path("rules/", staff.checker_rules, name="rules"),
    re_path(rf"^rules/(?P<rule_id>{ID_PATTERN})/remove/$", staff.remove_rule, name="remove_rule"),
    path("minimum-wage/", staff.set_minimum_wage, name="minimum_wage"),
]
