from django.urls import path

from danvan.tasks import views

app_name = "tasks"
urlpatterns = [
    path("", views.task_list, name="task_list"),
    path("mine/", views.task_list, {"scope": "mine"}, name="task_mine"),
    path("overdue/", views.task_list, {"scope": "overdue"}, name="task_overdue"),
    path("due-soon/", views.task_list, {"scope": "due_soon"}, name="task_due_soon"),
    path("timeline/", views.task_timeline, name="task_timeline"),
    path("<int:pk>/", views.task_detail, name="task_detail"),
    path("<int:pk>/progress/", views.task_progress, name="task_progress"),
    path("<int:pk>/note/", views.task_note, name="task_note"),
    path("<int:pk>/complete/", views.task_complete, name="task_complete"),
    path("<int:pk>/report/", views.task_report, name="task_report"),
    path("<int:pk>/confirm/", views.task_confirm, name="task_confirm"),
    path("<int:pk>/return/", views.task_return, name="task_return"),
    path("<int:pk>/cancel/", views.task_cancel, name="task_cancel"),
    path("<int:pk>/reopen/", views.task_reopen, name="task_reopen"),
    path("<int:pk>/extension/", views.task_extension, name="task_extension"),
    path("extensions/<int:pk>/decide/", views.extension_decide, name="extension_decide"),
]
