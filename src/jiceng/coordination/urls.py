from django.urls import path

from jiceng.coordination import views

app_name = "coordination"
urlpatterns = [
    path("", views.ticket_list, name="list"),
    path("new/", views.new_ticket, name="new"),
    path("measures/", views.measures, name="measures"),
    path("notifications/", views.notifications, name="notifications"),
    path("attachments/<int:pk>/", views.attachment, name="attachment"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/<slug:action>/", views.act, name="act"),
]
