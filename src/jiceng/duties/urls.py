from django.urls import path

from jiceng.duties import views

app_name = "duties"
urlpatterns = [
    path("", views.list_index, name="list"),
    path("import/", views.import_list, name="import"),
    path("copy-template/", views.copy_template, name="copy_template"),
    path("<int:pk>/", views.list_detail, name="detail"),
    path("<int:pk>/diff/", views.list_diff, name="diff"),
]
