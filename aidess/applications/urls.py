from django.urls import path

from aidess.applications import views, views_applicant, views_apply

app_name = "applications"
urlpatterns = [
    path("<int:pk>/dossier/", views.file_detail, name="detail"),
    path("<int:pk>/dossier/contacts/", views.file_contacts, name="contacts"),
    path("<int:pk>/dossier/budget/<str:year_kind>/", views.file_budget, name="budget"),
    path("<int:pk>/dossier/agrements/", views.file_agrements, name="agrements"),
    path("<int:pk>/dossier/documents/ajouter/", views.document_upload, name="upload"),
    path(
        "<int:pk>/dossier/documents/<int:document_id>/",
        views.document_download,
        name="document",
    ),
    path(
        "<int:pk>/dossier/documents/<int:document_id>/retirer/",
        views.document_delete,
        name="document_delete",
    ),
    # Applying (issue 13): /structures/<id>/demandes/ lists a structure's applications,
    # /structures/demandes/<id>/… is one application, whichever structure applies.
    path("<int:pk>/demandes/", views_applicant.my_applications, name="list"),
    path("demandes/deposer/<slug:slug>/", views_apply.apply_start, name="start"),
    path("demandes/<int:pk>/", views_applicant.application_detail, name="application"),
    path("demandes/<int:pk>/projet/", views_apply.application_edit, name="edit"),
    path("demandes/<int:pk>/recapitulatif/", views_apply.application_summary, name="summary"),
    path("demandes/<int:pk>/message/", views_applicant.application_message, name="message"),
    path("demandes/<int:pk>/correction/", views_applicant.application_answer, name="answer"),
    path("demandes/<int:pk>/retirer/", views_applicant.application_withdraw, name="withdraw"),
    path(
        "demandes/<int:pk>/accuse-de-reception.pdf",
        views_applicant.receipt_pdf,
        name="receipt",
    ),
    path("demandes/<int:pk>/decision.pdf", views_applicant.decision_pdf, name="decision"),
    path(
        "demandes/<int:pk>/pieces/<int:document_id>/",
        views_applicant.submitted_document,
        name="submitted_document",
    ),
    path(
        "demandes/<int:pk>/messages/<int:message_id>/piece-jointe/",
        views_applicant.message_attachment,
        name="message_attachment",
    ),
]
