from django.urls import path

from aidess.diagnosis import views

app_name = "diagnosis"
urlpatterns = [
    path("<int:pk>/autodiagnostic/", views.history, name="history"),
    path("<int:pk>/autodiagnostic/nouveau/", views.start, name="start"),
    path("<int:pk>/autodiagnostic/<int:diagnosis_id>/", views.result, name="result"),
    path(
        "<int:pk>/autodiagnostic/<int:diagnosis_id>/etape/<int:number>/",
        views.step,
        name="step",
    ),
    path("<int:pk>/partage/", views.sharing, name="sharing"),
    path("<int:pk>/partage/<int:consent_id>/retirer/", views.revoke, name="revoke"),
]
