from django.urls import path

from danvan.api.v1 import api

app_name = "api"
urlpatterns = [path("v1/", api.urls)]
