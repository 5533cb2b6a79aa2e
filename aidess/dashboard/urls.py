from django.urls import path

from aidess.core import legal
from aidess.dashboard import map_views, views

# The namespace keeps the name templates use (`core:home`, `core:dashboard`) from before the app.
app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("tableau-de-bord/", views.dashboard, name="dashboard"),
    path("territoires/carte/", map_views.territory_map, name="territory_map"),
    path("accessibilite/", legal.accessibility, name="accessibility"),
    path("mentions-legales/", legal.legal_notice, name="legal_notice"),
    path("donnees-personnelles/", legal.personal_data, name="personal_data"),
]
