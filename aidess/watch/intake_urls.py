"""The intake's pages, in the `watch` namespace (included by `watch/urls.py`)."""

from django.urls import path

from aidess.watch import intake_views

urlpatterns = [
    path("imports/", intake_views.imports, name="intake_imports"),
    path("imports/signalements/", intake_views.upload_alerts, name="intake_upload_alerts"),
    path("imports/indicateurs/", intake_views.upload_indicators, name="intake_upload_indicators"),
    path("imports/<int:pk>/", intake_views.batch, name="intake_batch"),
    path("imports/modele-<str:what>", intake_views.template, name="intake_template"),
    path(
        "ma-structure/<int:pk>/autodiagnostics/<int:diagnosis_id>/signaler/",
        intake_views.self_report,
        name="intake_self_report",
    ),
]
