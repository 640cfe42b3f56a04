from django.apps import AppConfig


class CoordinationConfig(AppConfig):
    name = "jiceng.coordination"
    label = "coordination"
    verbose_name = "协同联动"

    def ready(self) -> None:
        # The demo runs the SLA sweep in-process (no broker, no worker): see jiceng.jobs.
        from jiceng.jobs.inprocess import start_if_demo

        start_if_demo()
