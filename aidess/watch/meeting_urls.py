"""URLs of the dashboard and the cell meetings (joined in `urls.py`)."""

from django.urls import path, re_path

from aidess.watch import dashboard_views, meeting_views

urlpatterns = [
    path("tableau-de-bord/", dashboard_views.dashboard_page, name="dashboard"),
    path("reunions/", meeting_views.meetings, name="meetings"),
    path("reunions/<int:pk>/", meeting_views.meeting, name="meeting"),
    path("reunions/<int:pk>/ordre-du-jour/", meeting_views.refresh_agenda, name="meeting_agenda"),
    path(
        "reunions/<int:pk>/points/<int:item_pk>/decision/",
        meeting_views.decide,
        name="meeting_decide",
    ),
    path("reunions/<int:pk>/arreter/", meeting_views.close, name="meeting_close"),
    re_path(
        r"^reunions/(?P<pk>[0-9]+)/compte-rendu\.(?P<extension>pdf|docx)$",
        meeting_views.minutes,
        name="meeting_minutes",
    ),
]
