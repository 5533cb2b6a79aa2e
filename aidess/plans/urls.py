from django.urls import path

from aidess.plans import views_dashboard, views_invitation

app_name = "plans"
urlpatterns = [
    path("invitation/<str:token>/", views_invitation.invitation, name="invitation"),
    path("<int:pk>/tableau-de-bord/", views_dashboard.dashboard, name="dashboard"),
]
