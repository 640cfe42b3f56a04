from django.urls import path

from jiceng.ledger import anonymous
from jiceng.ledger.views import dashboards, events, registers, reports, verification

app_name = "ledger"
urlpatterns = [
    path("", dashboards.dashboard, name="dashboard"),
    path("township/<int:pk>/", dashboards.township, name="township"),
    path("department/<int:pk>/", dashboards.department, name="department"),
    path("alerts/", dashboards.alerts, name="alerts"),
    path("events/", events.event_list, name="events"),
    path("events/new/", events.event_new, name="event_new"),
    path("events/<int:pk>/", events.event_detail, name="event"),
    path("import/", events.import_view, name="import"),
    path("groups/", registers.groups, name="groups"),
    path("groups/<int:pk>/", registers.group_update, name="group_update"),
    path("signboards/", registers.signboards, name="signboards"),
    path("signboards/<int:pk>/remove/", registers.signboard_remove, name="signboard_remove"),
    path("anonymous/", verification.anonymous_list, name="anonymous"),
    path("anonymous/<int:pk>/review/", verification.anonymous_review, name="anonymous_review"),
    path("report/", anonymous.report_view, name="report"),
    path("monthly-report.docx", reports.report_docx, name="report_docx"),
    path("monthly-report.xlsx", reports.report_xlsx, name="report_xlsx"),
]
