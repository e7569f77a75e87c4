from django.urls import path

from danvan.training import views

app_name = "training"
urlpatterns = [
    path("", views.index, name="index"),
    path("export/", views.export, name="export"),
    path("stats/", views.stats, name="stats"),
    path("new/", views.course_create, name="course_create"),
    path("<int:pk>/", views.course_detail, name="course_detail"),
    path("<int:pk>/edit/", views.course_edit, name="course_edit"),
    path("<int:pk>/participants/new/", views.participant_add, name="participant_add"),
    path("participants/<int:pk>/edit/", views.participant_edit, name="participant_edit"),
]
