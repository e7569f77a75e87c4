from django.urls import path

from danvan.areas import views

app_name = "areas"
urlpatterns = [
    path("", views.area_list, name="area_list"),
    path("new/", views.area_edit, name="area_create"),
    path("<int:pk>/edit/", views.area_edit, name="area_edit"),
]
