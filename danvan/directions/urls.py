from django.urls import path

from danvan.directions import views

app_name = "directions"

STEPS = ["send", "register", "return", "forward", "close", "agree", "decline", "ask_more"]

urlpatterns = [
    path("", views.index, name="index"),
    path("proposals/", views.proposal_list, name="proposal_list"),
    path("proposals/export/", views.proposal_export, name="proposal_export"),
    path("proposals/new/", views.proposal_create, name="proposal_create"),
    path("proposals/<int:pk>/", views.proposal_detail, name="proposal_detail"),
    path("proposals/<int:pk>/edit/", views.proposal_edit, name="proposal_edit"),
    path(
        "proposals/<int:pk>/files/<uuid:key>/delete/",
        views.proposal_file_delete,
        name="proposal_file_delete",
    ),
    path("proposals/<int:pk>/assign/", views.proposal_assign, name="proposal_assign"),
    *[
        path(
            f"proposals/<int:pk>/{step.replace('_', '-')}/",
            views.proposal_step,
            {"action": step},
            name=f"proposal_{step}",
        )
        for step in STEPS
    ],
    path("assignments/", views.assignment_list, name="assignment_list"),
    path("assignments/export/", views.assignment_export, name="assignment_export"),
    path("statistics/", views.statistics, name="statistics"),
    path("overdue/", views.overdue, name="overdue"),
]
