from django.urls import path

from jiceng.procurement import views

app_name = "procurement"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("catalogue/", views.catalogue, name="catalogue"),
    path("requests/", views.requests_list, name="requests"),
    path("requests/<int:pk>/", views.request_detail, name="request"),
    path("requests/<int:pk>/decide/", views.decide, name="decide"),
    path("contracts/", views.contracts, name="contracts"),
    path("contracts/<int:pk>/", views.contract_detail, name="contract"),
]
