from django.apps import AppConfig


class FormsConfig(AppConfig):
    name = "jiceng.forms"
    label = "forms"
    verbose_name = "一表通"
