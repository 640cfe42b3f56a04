from django.apps import AppConfig


class CapacityConfig(AppConfig):
    name = "jiceng.capacity"
    label = "capacity"
    verbose_name = "要素保障"

    def ready(self) -> None:
        from jiceng.capacity.ledger_link import book_secondment
        from jiceng.capacity.signals import secondment_recorded

        secondment_recorded.connect(book_secondment, dispatch_uid="capacity-secondment-to-ledger")
