"""Password rules beyond Django's built-ins (等保三级: 口令复杂度)."""

from __future__ import annotations

from django.core.exceptions import ValidationError


class CharacterClassValidator:
    """Require at least three of: lower case, upper case, digits, other symbols."""

    min_classes = 3

    def validate(self, password: str, user: object = None) -> None:
        classes = [
            any(c.islower() for c in password),
            any(c.isupper() for c in password),
            any(c.isdigit() for c in password),
            any(not c.isalnum() for c in password),
        ]
        if sum(classes) < self.min_classes:
            raise ValidationError(
                "密码须至少包含小写字母、大写字母、数字、符号中的三类。", code="password_too_simple"
            )

    def get_help_text(self) -> str:
        return "密码须至少包含小写字母、大写字母、数字、符号中的三类。"
