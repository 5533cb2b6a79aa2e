"""The satisfaction survey's pages (no account: the request's token)."""

from django.urls import path

from aidess.orientation import views_satisfaction

urlpatterns = [
    path("satisfaction/<str:token>/", views_satisfaction.answer, name="satisfaction"),
    path(
        "satisfaction/<str:token>/<str:score>/",
        views_satisfaction.score,
        name="satisfaction_score",
    ),
]
