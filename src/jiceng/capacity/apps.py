from django.apps import AppConfig


class CapacityConfig(AppConfig):
    name = "jiceng.capacity"
    label = "capacity"
    verbose_name = "要素保障"
