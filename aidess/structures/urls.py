from django.urls import path

from aidess.structures import member_views, views

app_name = "structures"
urlpatterns = [
    path("", views.structure_list, name="list"),
    path("nouvelle/", views.structure_create, name="create"),
    path("<int:pk>/", views.structure_detail, name="detail"),
    path("<int:pk>/modifier/", views.structure_update, name="update"),
    path("<int:pk>/historique/", views.structure_history, name="history"),
    path("rejoindre/<str:siret>/", member_views.join, name="join"),
    path("demandes/<int:pk>/annuler/", member_views.cancel_request, name="cancel_request"),
    path("<int:pk>/membres/", member_views.members_page, name="members"),
    path("<int:pk>/membres/demandes/<int:request_pk>/", member_views.decide, name="decide_request"),
    path("<int:pk>/membres/<int:membership_pk>/", member_views.member_action, name="member_action"),
    path(
        "<int:pk>/membres/<int:membership_pk>/confirmer/",
        member_views.confirm_member,
        name="confirm_member",
    ),
]
