from django.urls import path

from aidess.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("tableau-de-bord/", views.dashboard, name="dashboard"),
]
