from django.urls import path

from jiceng.intake import views

app_name = "intake"
urlpatterns = [
    path("", views.task_list, name="list"),
    path("submit/", views.submit, name="submit"),
    path("inbox/", views.inbox, name="inbox"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/review/", views.review, name="review"),
    path("<int:pk>/request-approval/", views.request_approval, name="request_approval"),
    path("<int:pk>/approval/", views.decide_approval, name="decide_approval"),
]
