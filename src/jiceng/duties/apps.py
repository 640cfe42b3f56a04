from django.apps import AppConfig


class DutiesConfig(AppConfig):
    name = "jiceng.duties"
    label = "duties"
    verbose_name = "履职事项清单"
