from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("egov.portal.urls")),
    path("", include("egov.notifications.urls")),
    path("accounts/", include("egov.accounts.urls")),
    path("complaints/", include("egov.complaints.urls")),
    path("staff/complaints/", include("egov.complaints.staff_urls")),
    path("participation/", include("egov.participation.urls")),
    path("staff/participation/", include("egov.participation.staff_urls")),
    path("permits/", include("egov.permits.urls")),
    path("staff/permits/", include("egov.permits.staff_urls")),
    path("jobs/", include("egov.jobs.urls")),
    path("staff/jobs/", include("egov.jobs.staff_urls")),
    path("staff/search/", include("egov.complaints.search_urls")),
    path("staff/", include("egov.agencies.urls")),
    path(settings.ADMIN_PATH, admin.site.urls),
]

handler400 = "egov.portal.views.bad_request"
handler403 = "egov.portal.views.permission_denied"
handler404 = "egov.portal.views.page_not_found"
handler500 = "egov.portal.views.server_error"
