from django.urls import path

from jiceng.capacity.views import people, powers, pulse, workload

app_name = "capacity"
urlpatterns = [
    path("", workload.dashboard, name="dashboard"),
    path("staff/", workload.staff, name="staff"),
    path("staff/secondments/", workload.add_secondment, name="add_secondment"),
    path("powers/", powers.powers, name="powers"),
    path("powers/<int:pk>/", powers.power_detail, name="power"),
    path("training/", people.training, name="training"),
    path("retention/", people.retention, name="retention"),
    path("pulse/", pulse.pulse, name="pulse"),
    path("pulse/<int:pk>/", pulse.survey_detail, name="survey"),
    path("pulse/answer/", pulse.pulse_answer, name="pulse_answer"),
]
