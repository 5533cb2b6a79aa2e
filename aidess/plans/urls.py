from django.urls import path

from aidess.plans import views, views_dashboard, views_follow_up, views_invitation

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("nouveau/", views.plan_create, name="create"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/modifier/", views.plan_edit, name="edit"),
    path("<int:pk>/activer/", views.plan_activate, name="activate"),
    path("<int:pk>/etat/<str:transition>/", views.plan_transition, name="transition"),
    path("<int:pk>/structures/", views_follow_up.target_list, name="targets"),
    path("<int:pk>/structures/<int:target_pk>/", views_follow_up.target_detail, name="target"),
    path(
        "<int:pk>/structures/<int:target_pk>/<str:action>/",
        views_follow_up.target_action,
        name="target_action",
    ),
    path("invitation/<str:token>/", views_invitation.invitation, name="invitation"),
    path("<int:pk>/tableau-de-bord/", views_dashboard.dashboard, name="dashboard"),
]
