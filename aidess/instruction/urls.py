from django.urls import path

from aidess.instruction import export_views, views

app_name = "instruction"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    # Exports (issue 13, « exports »): keep these lines together.
    path("export/", export_views.export, name="export"),
    path("exports/", export_views.my_exports, name="my_exports"),
    path("exports/<int:pk>/", export_views.export_download, name="export_download"),
]
