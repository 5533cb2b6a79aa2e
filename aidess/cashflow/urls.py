from django.urls import path

from aidess.cashflow import views

app_name = "cashflow"
urlpatterns = [
    path("<int:pk>/tresorerie/", views.plan_list, name="list"),
    path("<int:pk>/tresorerie/nouveau/", views.plan_create, name="create"),
    path("<int:pk>/tresorerie/importer/", views.plan_import, name="import"),
    path("<int:pk>/tresorerie/<int:plan_id>/", views.plan_detail, name="detail"),
    path("<int:pk>/tresorerie/<int:plan_id>/plan.xlsx", views.plan_xlsx, name="xlsx"),
    path("<int:pk>/tresorerie/<int:plan_id>/plan.pdf", views.plan_pdf, name="pdf"),
]
