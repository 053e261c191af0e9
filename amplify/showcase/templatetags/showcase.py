from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def signed2(value: float | None) -> str:
    """A normalised score with its sign and two decimals (+0.42, −1.10), in the locale."""
    if value is None:
        return "—"
    shown = number_format(abs(value), 2)
    if round(value, 2) == 0:
        return number_format(0, 2)
    return ("+" if value > 0 else "−") + shown
