"""The structure side: requests for help."""

from django.urls import path

from aidess.orientation import views_request as views

urlpatterns = [
    path("demande/", views.anonymous_new, name="anonymous_request"),
    path("confirmer/<str:token>/", views.confirm, name="confirm"),
    path("structures/<int:structure_id>/demande/", views.new, name="new_request"),
    path(
        "structures/<int:structure_id>/demande/destinataires/",
        views.recipients,
        name="preview_recipients",
    ),
    path("structures/<int:structure_id>/demandes/", views.request_list, name="request_list"),
    path("demandes/<int:pk>/", views.request_detail, name="request_detail"),
    path("demandes/<int:pk>/retirer-le-partage/", views.revoke, name="revoke_sharing"),
]
