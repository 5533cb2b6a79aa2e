from django.urls import path

from aidess.instruction import export_views
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
    # Exports (issue 13, « exports »): keep these lines together.
    path("export/", export_views.export, name="export"),
    path("exports/", export_views.my_exports, name="my_exports"),
    path("exports/<int:pk>/", export_views.export_download, name="export_download"),
]
