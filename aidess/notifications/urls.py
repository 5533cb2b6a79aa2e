from django.urls import path

from aidess.notifications import views

app_name = "notifications"
urlpatterns = [
    path("preferences/", views.preferences, name="preferences"),
    path("desabonnement/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("webhooks/", views.webhooks, name="webhooks"),
    path("webhooks/<int:pk>/activation/", views.webhook_toggle, name="webhook_toggle"),
    path("webhooks/<int:pk>/supprimer/", views.webhook_delete, name="webhook_delete"),
]
