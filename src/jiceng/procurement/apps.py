from django.apps import AppConfig


class ProcurementConfig(AppConfig):
    name = "jiceng.procurement"
    label = "procurement"
    verbose_name = "政府购买服务"
