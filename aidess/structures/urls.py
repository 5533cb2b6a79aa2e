from django.urls import path

from aidess.structures import views

app_name = "structures"
urlpatterns = [
    path("", views.structure_list, name="list"),
    path("nouvelle/", views.structure_create, name="create"),
    path("<int:pk>/", views.structure_detail, name="detail"),
    path("<int:pk>/modifier/", views.structure_update, name="update"),
    path("<int:pk>/historique/", views.structure_history, name="history"),
]
