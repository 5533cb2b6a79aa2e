from django.urls import path

from aidess.dashboard import views

# The namespace keeps the name templates use (`core:home`, `core:dashboard`) from before the app.
app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("tableau-de-bord/", views.dashboard, name="dashboard"),
]
