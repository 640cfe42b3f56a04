from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "jiceng.core"
    label = "core"
    verbose_name = "组织、用户与审计"

    def ready(self) -> None:
        from jiceng.core import signals  # noqa: F401  (login audit and lockout)
