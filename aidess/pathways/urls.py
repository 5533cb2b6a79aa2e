from django.urls import path

from aidess.pathways import views, views_edit

app_name = "pathways"
urlpatterns = [
    path("", views.index, name="index"),
    path("structure/<int:structure_id>/", views.structure_pathways, name="structure"),
    path("demarrer/<int:recipient_id>/", views.start_pathway, name="start"),
    path("<int:pk>/", views.detail, name="detail"),
    path(
        "<int:pk>/documents/<int:document_id>/",
        views.document_download,
        name="document_download",
    ),
    path("<int:pk>/documents/", views_edit.upload_document, name="document_upload"),
    path("<int:pk>/etapes/<str:step>/terminer/", views_edit.complete_step, name="complete_step"),
    path("<int:pk>/diagnostic/", views_edit.submit_diagnosis, name="submit_diagnosis"),
    path("<int:pk>/diagnostic/valider/", views_edit.validate_diagnosis, name="validate_diagnosis"),
    path("<int:pk>/diagnostic/remarques/", views_edit.comment_diagnosis, name="comment_diagnosis"),
    path("<int:pk>/axes/", views_edit.add_area, name="add_area"),
    path("<int:pk>/actions/", views_edit.add_action, name="add_action"),
    path("<int:pk>/actions/<int:action_id>/etat/", views_edit.action_status, name="action_status"),
    path("<int:pk>/actions-collectives/", views_edit.add_collective, name="add_collective"),
    path("<int:pk>/effets/", views_edit.add_effect, name="add_effect"),
    path("<int:pk>/interrompre/", views_edit.abandon, name="abandon"),
]
