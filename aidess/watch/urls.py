from django.urls import path

from aidess.watch import structure_views, views
from aidess.watch.intake_urls import urlpatterns as intake_urls
from aidess.watch.meeting_urls import urlpatterns as meeting_urls

app_name = "watch"
urlpatterns = [
    path("", views.home, name="home"),
    path("export.xlsx", views.export, name="export"),
    path("signaler/", views.report, name="report"),
    path("structures/<int:pk>/", structure_views.structure_page, name="structure"),
    path(
        "structures/<int:pk>/<str:action>/",
        structure_views.structure_action,
        name="structure_action",
    ),
    path(
        "signalements/<int:pk>/<str:action>/",
        structure_views.alert_action,
        name="alert_action",
    ),
    *meeting_urls,
    *intake_urls,
]
