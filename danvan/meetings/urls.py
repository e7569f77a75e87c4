from django.urls import path

from danvan.meetings import views

app_name = "meetings"
urlpatterns = [
    path("", views.index, name="index"),
    path("export/", views.export, name="export"),
    path("new/", views.meeting_create, name="meeting_create"),
    path("<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("<int:pk>/documents/", views.meeting_upload, name="meeting_upload"),
    path("<int:pk>/conclusion/", views.conclusion_issue, name="conclusion_issue"),
    path("<int:pk>/conclusion/items/new/", views.item_create, name="item_create"),
]
