"""The advisors' and managers' side, under /accompagnement/."""

from django.urls import path

from aidess.orientation import views_advisor, views_manager

urlpatterns = [
    path("", views_advisor.home, name="advisor_home"),
    path("recues/<int:pk>/", views_advisor.recipient_card, name="advisor_card"),
    path(
        "recues/<int:pk>/action/<str:name>/",
        views_advisor.transition,
        name="advisor_transition",
    ),
    path("recues/<int:pk>/pas-pour-nous/", views_advisor.decline, name="advisor_decline"),
    path("pilotage/", views_manager.pilotage, name="manager_stats"),
    path("pilotage/export.xlsx", views_manager.pilotage_xlsx, name="manager_stats_xlsx"),
]
