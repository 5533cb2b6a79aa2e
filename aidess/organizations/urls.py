from django.urls import path

from aidess.organizations import views

app_name = "organizations"
urlpatterns = [
    path("<int:pk>/jetons/", views.tokens, name="tokens"),
    path("<int:pk>/jetons/<int:token_id>/revoquer/", views.revoke_token, name="revoke_token"),
]
