from django.urls import path

from danvan.documents import views

app_name = "documents"
urlpatterns = [
    path("", views.review_list, name="review_list"),
    path("reviews/new/", views.review_create, name="review_create"),
    path("reviews/<int:pk>/", views.review_detail, name="review_detail"),
    path("reviews/<int:pk>/generate/", views.review_generate, name="review_generate"),
    path("reviews/<int:pk>/progress/", views.review_progress, name="review_progress"),
    path("reviews/<int:pk>/<str:fmt>/", views.review_download, name="review_download"),
]
