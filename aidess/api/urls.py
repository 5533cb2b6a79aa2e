from django.urls import path

from aidess.aids import api as aids_api
from aidess.api import views
from aidess.cashflow import api as cashflow_api
from aidess.eligibility import api as eligibility_api

app_name = "api"
urlpatterns = [
    path("openapi.json", views.openapi_json, name="openapi"),
    path("docs/", views.docs, name="docs"),
    path("aids", aids_api.aid_list, name="aid_list"),
    path("aids/<slug:slug>", aids_api.aid_detail, name="aid_detail"),
    path("eligibility", eligibility_api.eligibility, name="eligibility"),
    path(
        "structures/<int:pk>/eligibility",
        eligibility_api.structure_eligibility,
        name="structure_eligibility",
    ),
    path("cashflow", cashflow_api.cashflow, name="cashflow"),
    path(
        "structures/<int:pk>/cashflow-plans", cashflow_api.structure_plans, name="structure_plans"
    ),
    path(
        "structures/<int:pk>/diagnoses",
        cashflow_api.structure_diagnoses,
        name="structure_diagnoses",
    ),
]
