from django.urls import path

from aidess.instruction import application_views, inbox_views, manage_views

app_name = "instruction"
urlpatterns = [
    path("", inbox_views.inbox, name="inbox"),
    path("lot/", inbox_views.batch, name="batch"),
    path("demandes/<int:pk>/", application_views.application_detail, name="application"),
    path(
        "demandes/<int:pk>/action/<str:name>/",
        application_views.transition,
        name="transition",
    ),
    path("demandes/<int:pk>/messages/", application_views.send_message, name="message"),
    path("demandes/<int:pk>/notes/", application_views.add_note, name="note"),
    path("demandes/<int:pk>/suivre/", manage_views.follow, name="follow"),
    path("demandes/<int:pk>/assigner/", manage_views.assign, name="assign"),
    path("demandes/<int:pk>/etiquettes/", manage_views.set_labels, name="labels"),
    path(
        "demandes/<int:pk>/documents/<int:document_id>/",
        manage_views.document,
        name="document",
    ),
    path(
        "demandes/<int:pk>/messages/<int:message_id>/piece-jointe/",
        manage_views.attachment,
        name="attachment",
    ),
]
