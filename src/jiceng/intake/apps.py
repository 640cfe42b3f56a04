from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "jiceng.intake"
    label = "intake"
    verbose_name = "事项准入"
