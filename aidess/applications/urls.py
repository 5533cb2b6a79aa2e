from django.urls import path

from aidess.applications import views

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
]
