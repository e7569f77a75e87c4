from django.urls import path

from danvan.planning import views

app_name = "planning"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.program_create, name="program_create"),
    path("<int:pk>/", views.program_detail, name="program_detail"),
    path("<int:pk>/edit/", views.program_edit, name="program_edit"),
    path("<int:pk>/number/", views.program_number, name="program_number"),
    path("<int:pk>/areas/new/", views.program_area_add, name="program_area_add"),
    path("areas/<int:pk>/edit/", views.program_area_edit, name="program_area_edit"),
    path("<int:pk>/plans/new/", views.plan_create, name="plan_create"),
    path("plans/", views.plan_list, name="plan_list"),
    path("plans/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/edit/", views.plan_edit, name="plan_edit"),
    path("plans/<int:pk>/number/", views.plan_number, name="plan_number"),
    path("plans/<int:pk>/submit/", views.plan_submit, name="plan_submit"),
    path("plans/<int:pk>/approve/", views.plan_approve, name="plan_approve"),
    path("plans/<int:pk>/return/", views.plan_return, name="plan_return"),
    path("plans/<int:pk>/revise/", views.plan_revise, name="plan_revise"),
    path("plans/<int:pk>/tasks/new/", views.plan_task_add, name="plan_task_add"),
    path("plans/tasks/<int:pk>/edit/", views.plan_task_edit, name="plan_task_edit"),
    path("plans/tasks/<int:pk>/delete/", views.plan_task_delete, name="plan_task_delete"),
]
