from django.apps import AppConfig


class ScorecardConfig(AppConfig):
    name = "jiceng.scorecard"
    label = "scorecard"
    verbose_name = "统筹评估"
