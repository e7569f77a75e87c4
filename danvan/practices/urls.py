from django.urls import path

from danvan.practices import views

app_name = "practices"
urlpatterns = [
    path("", views.index, name="index"),
    path("map/", views.practice_map, name="map"),
    path("stats/", views.stats, name="stats"),
    path("export/", views.export, name="export"),
    path("new/", views.practice_create, name="practice_create"),
    path("<int:pk>/", views.practice_detail, name="practice_detail"),
    path("<int:pk>/edit/", views.practice_edit, name="practice_edit"),
    path("<int:pk>/photos/", views.practice_photos, name="practice_photos"),
]
