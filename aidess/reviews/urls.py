from django.urls import path

from aidess.reviews import views, views_testimonies

app_name = "reviews"
urlpatterns = [
    path("", views.index, name="index"),
    path("aide/<slug:slug>/", views.aid_review, name="aid"),
    path("aide/<slug:slug>/bilan.<str:fmt>", views.aid_file, name="aid_file"),
    path("plan/<int:pk>/", views.plan_review, name="plan"),
    path("plan/<int:pk>/bilan.<str:fmt>", views.plan_file, name="plan_file"),
    path("temoignages/nouveau/<int:structure_id>/", views_testimonies.new, name="testimony_new"),
    path(
        "temoignages/structure/<int:structure_id>/",
        views_testimonies.structure_testimonies,
        name="testimonies",
    ),
    path("temoignages/<int:pk>/retirer/", views_testimonies.withdraw, name="testimony_withdraw"),
]
