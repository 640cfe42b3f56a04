from django.urls import path

from jiceng.forms import views

app_name = "forms"
urlpatterns = [
    path("", views.form_list, name="list"),
    path("register/", views.register, name="register"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/report/", views.report, name="report"),
    path("elements/", views.elements, name="elements"),
    path("elements/match/", views.run_match, name="run_match"),
    path("elements/<int:pk>/<str:action>/", views.element_action, name="element_action"),
    path("base/", views.base_table, name="base"),
    path("base/new/<str:kind>/", views.record_new, name="record_new"),
    path("base/import/<str:kind>/", views.record_import, name="record_import"),
    path("base/<int:pk>/", views.record_edit, name="record_edit"),
    path("base/<int:pk>/delete/", views.record_delete, name="record_delete"),
    path("measures/", views.dashboard, name="measures"),
]
