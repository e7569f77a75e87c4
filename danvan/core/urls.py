from django.urls import path

from danvan.core import views

app_name = "core"
urlpatterns = [
    path("search/", views.search, name="search"),
    path("files/<uuid:key>/", views.attachment, name="attachment"),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/read/", views.notifications_read, name="notifications_read"),
    path("notifications/<int:pk>/", views.notification_open, name="notification_open"),
]
