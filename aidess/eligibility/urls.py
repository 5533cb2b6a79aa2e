from django.urls import path

from aidess.eligibility import views

app_name = "eligibility"
urlpatterns = [
    path("simulation/", views.simulation, name="simulation"),
    path("structures/<int:pk>/mes-aides/", views.structure_aids, name="structure_aids"),
    path(
        "aides/<slug:slug>/structures-eligibles/",
        views.eligible_structures_page,
        name="eligible_structures",
    ),
    path(
        "aides/<slug:slug>/structures-eligibles.csv",
        views.eligible_structures_csv,
        name="eligible_structures_csv",
    ),
]
