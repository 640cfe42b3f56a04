from django.urls import path

from jiceng.ledger import anonymous, views

app_name = "ledger"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("township/<int:pk>/", views.township, name="township"),
    path("department/<int:pk>/", views.department, name="department"),
    path("alerts/", views.alerts, name="alerts"),
    path("events/", views.event_list, name="events"),
    path("events/new/", views.event_new, name="event_new"),
    path("events/<int:pk>/", views.event_detail, name="event"),
    path("import/", views.import_view, name="import"),
    path("groups/", views.groups, name="groups"),
    path("groups/<int:pk>/", views.group_update, name="group_update"),
    path("signboards/", views.signboards, name="signboards"),
    path("signboards/<int:pk>/remove/", views.signboard_remove, name="signboard_remove"),
    path("anonymous/", views.anonymous_list, name="anonymous"),
    path("anonymous/<int:pk>/review/", views.anonymous_review, name="anonymous_review"),
    path("report/", anonymous.report_view, name="report"),
    path("monthly-report.docx", views.report_docx, name="report_docx"),
    path("monthly-report.xlsx", views.report_xlsx, name="report_xlsx"),
]
