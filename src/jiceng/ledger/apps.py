from django.apps import AppConfig


class LedgerConfig(AppConfig):
    name = "jiceng.ledger"
    label = "ledger"
    verbose_name = "负担台账与监测"

    def ready(self) -> None:
        # Admitted intake tasks become document events once their release is committed.
        from jiceng.intake.signals import task_released
        from jiceng.ledger.services import record_released_task

        task_released.connect(record_released_task, dispatch_uid="ledger.record_released_task")
