from django.urls import path

from aidess.funding import decision_views, views

app_name = "funding"
urlpatterns = [
    path("", views.index, name="index"),
    path("aides/<slug:slug>/modalites/", views.terms, name="terms"),
    path("aides/<slug:slug>/modalites/questions/", views.question_add, name="question_add"),
    path(
        "aides/<slug:slug>/modalites/questions/<int:question_id>/",
        views.question_edit,
        name="question_edit",
    ),
    path(
        "aides/<slug:slug>/modalites/questions/<int:question_id>/deplacer/",
        views.question_move,
        name="question_move",
    ),
    path(
        "aides/<slug:slug>/modalites/questions/<int:question_id>/retirer/",
        views.question_delete,
        name="question_delete",
    ),
    path("demandes/<int:pk>/decision/", decision_views.decision, name="decision"),
    path("demandes/<int:pk>/versements/", decision_views.payments, name="payments"),
]
