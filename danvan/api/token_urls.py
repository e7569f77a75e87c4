from django.urls import path

from danvan.api import views

app_name = "tokens"
urlpatterns = [
    path("new/", views.token_create, name="token_create"),
    path("<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
]
