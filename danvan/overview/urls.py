from django.urls import path

from danvan.overview import views

app_name = "overview"
urlpatterns = [
    path("", views.index, name="index"),
    path("overview/figures/", views.drill, name="drill"),
    path("overview/tasks/", views.tasks, name="tasks"),
]
