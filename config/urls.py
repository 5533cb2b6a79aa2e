from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Administration AidESS"
admin.site.site_title = "AidESS"

urlpatterns = [
    path("", include("aidess.dashboard.urls")),
    path("", include("aidess.eligibility.urls")),
    path("compte/", include("aidess.accounts.urls")),
    path("structures/", include("aidess.structures.urls")),
    path("structures/", include("aidess.diagnosis.urls")),
    path("structures/", include("aidess.cashflow.urls")),
    path("structures/", include("aidess.applications.urls")),
    path("instruction/", include("aidess.instruction.urls")),
    path("organisations/", include("aidess.organizations.urls")),
    path("notifications/", include("aidess.notifications.urls")),
    path("financement/", include("aidess.funding.urls")),
    path("accompagnement/", include("aidess.orientation.urls")),
    path("parcours/", include("aidess.pathways.urls")),
    path("veille/", include("aidess.watch.urls")),
    path("plans/", include("aidess.plans.urls")),
    path("bilans/", include("aidess.reviews.urls")),
    path("territoires/", include("aidess.territories.urls")),
    path("aides/", include("aidess.aids.urls")),
    path("api/v1/", include("aidess.api.urls")),
    path("admin/", admin.site.urls),
]
