from django.urls import path

from jiceng.scorecard import views

app_name = "scorecard"
urlpatterns = [
    path("", views.county, name="county"),
    path("township/<int:pk>/", views.township, name="township"),
    path("reports/new/", views.report_new, name="report_new"),
    path("reports/<int:pk>/", views.job, name="job"),
    path("reports/<int:pk>/status/", views.job_status, name="job_status"),
    path("reports/<int:pk>/<str:kind>/", views.download, name="download"),
]
