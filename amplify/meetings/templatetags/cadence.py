from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()


@register.simple_tag
def cadence_badge(status: Any) -> SafeString:
    """A pair's cadence status as a badge, in the tones the other statuses use."""
    from amplify.meetings.views import STATUS_TONES, status_labels

    return format_html(
        '<span class="badge badge-{}">{}</span>', STATUS_TONES[status], status_labels()[status]
    )
