from django.urls import path

from aidess.instruction import views

app_name = "instruction"
urlpatterns = [
    path("", views.inbox, name="inbox"),
]
