from django.urls import path

from jiceng.capacity import views

app_name = "capacity"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("staff/", views.staff, name="staff"),
    path("staff/secondments/", views.add_secondment, name="add_secondment"),
    path("powers/", views.powers, name="powers"),
    path("powers/<int:pk>/", views.power_detail, name="power"),
    path("training/", views.training, name="training"),
    path("retention/", views.retention, name="retention"),
    path("pulse/", views.pulse, name="pulse"),
    path("pulse/<int:pk>/", views.survey_detail, name="survey"),
    path("pulse/answer/", views.pulse_answer, name="pulse_answer"),
]
