from django.urls import path

from aidess.instruction.views import application, inbox, manage

app_name = "instruction"
urlpatterns = [
    path("", inbox.inbox, name="inbox"),
    path("lot/", inbox.batch, name="batch"),
    path("demandes/<int:pk>/", application.application_detail, name="application"),
    path("demandes/<int:pk>/action/<str:name>/", application.transition, name="transition"),
    path("demandes/<int:pk>/messages/", application.send_message, name="message"),
    path("demandes/<int:pk>/notes/", application.add_note, name="note"),
    path("demandes/<int:pk>/suivre/", manage.follow, name="follow"),
    path("demandes/<int:pk>/assigner/", manage.assign, name="assign"),
    path("demandes/<int:pk>/etiquettes/", manage.set_labels, name="labels"),
    path("demandes/<int:pk>/documents/<int:document_id>/", manage.document, name="document"),
    path(
        "demandes/<int:pk>/messages/<int:message_id>/piece-jointe/",
        manage.attachment,
        name="attachment",
    ),
]
