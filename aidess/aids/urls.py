from django.urls import path

from aidess.aids import views

app_name = "aids"
urlpatterns = [
    path("", views.aid_search, name="search"),
    path("mes-aides-publiees/", views.provider_aids, name="provider_list"),
    path("nouvelle/", views.aid_create, name="create"),
    path("a-moderer/", views.moderation_list, name="moderation"),
    path("<slug:slug>/", views.aid_detail, name="detail"),
    path("<slug:slug>/modifier/", views.aid_update, name="update"),
    path("<slug:slug>/etat/<slug:transition>/", views.aid_transition, name="transition"),
]
