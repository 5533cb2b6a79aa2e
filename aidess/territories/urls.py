from django.urls import path

from aidess.territories import views

app_name = "territories"
urlpatterns = [
    path("communes/", views.commune_suggestions, name="commune_suggestions"),
]
