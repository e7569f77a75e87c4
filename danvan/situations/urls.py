from django.urls import path

from danvan.situations import views

app_name = "situations"
urlpatterns = [
    path("", views.index, name="index"),
    path("export/", views.export, name="export"),
    path("new/", views.situation_create, name="situation_create"),
    path("<int:pk>/", views.situation_detail, name="situation_detail"),
    path("<int:pk>/edit/", views.situation_edit, name="situation_edit"),
    path("<int:pk>/actions/", views.action_create, name="action_create"),
    path("<int:pk>/steps/<slug:action>/", views.situation_step, name="situation_step"),
]
