"""Small presentation helpers shared by every page: icons, avatars, badges."""

from __future__ import annotations

import zlib
from typing import Any

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from amplify.home.links import is_web_link
from amplify.home.storedtext import shown

register = template.Library()

# Feather-style outline icons (MIT), drawn inline so no icon font or CDN is needed.
ICONS = {
    "home": '<path d="M3 10.5 12 3l9 7.5V21a1 1 0 0 1-1 1h-5v-7H9v7H4a1 1 0 0 1-1-1z"/>',
    "people": '<circle cx="9" cy="8" r="4"/><path d="M1 21v-1a7 7 0 0 1 14 0v1"/>'
    '<path d="M16 4a4 4 0 0 1 0 8M23 21v-1a7 7 0 0 0-5-6.7"/>',
    "programmes": '<rect x="3" y="4" width="18" height="16" rx="2"/><path d="M3 9h18M8 4v16"/>',
    "calendar": '<rect x="3" y="4" width="18" height="18" rx="2"/>'
    '<path d="M16 2v4M8 2v4M3 10h18"/>',
    "upload": '<path d="M21 15v4a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-4M17 8l-5-5-5 5M12 3v12"/>',
    "shield": '<path d="M12 22s8-4 8-10V5l-8-3-8 3v7c0 6 8 10 8 10z"/>',
    "key": '<circle cx="7.5" cy="15.5" r="4.5"/><path d="m10.7 12.3 9.8-9.8M17 6l3 3M15 8l2 2"/>',
    "lock": '<rect x="4" y="11" width="16" height="11" rx="2"/><path d="M8 11V7a4 4 0 0 1 8 0v4"/>',
    "settings": '<path d="M4 21v-7M4 10V3M12 21v-9M12 8V3M20 21v-5M20 12V3"/>'
    '<path d="M1 14h6M9 8h6M17 16h6"/>',
    "match": '<circle cx="8" cy="9" r="3"/><circle cx="16" cy="15" r="3"/>'
    '<path d="M10.5 10.5 13.5 13.5"/>',
    "user": '<circle cx="12" cy="8" r="4"/><path d="M4 21v-1a8 8 0 0 1 16 0v1"/>',
}


@register.simple_tag
def icon(name: str) -> SafeString:
    body = ICONS.get(name, ICONS["home"])
    return mark_safe(  # noqa: S308 - the markup comes from the constant table above
        '<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" '
        f'stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">{body}</svg>'
    )


@register.simple_tag
def avatar(person: Any, size: str = "") -> SafeString:
    if person is None:
        return format_html('<span class="avatar{}">?</span>', f" avatar-{size}" if size else "")
    shade = zlib.crc32(str(person.pk).encode()) % 8
    return format_html(
        '<span class="avatar avatar-{}{}" aria-hidden="true">{}</span>',
        shade,
        f" avatar-{size}" if size else "",
        person.initials,
    )


@register.simple_tag
def status_badge(cohort: Any) -> SafeString:
    return format_html(
        '<span class="badge badge-{}">{}</span>', cohort.status, cohort.get_status_display()
    )


@register.simple_tag
def pillar_marks(pillars: Any) -> SafeString:
    marks = format_html_join(
        "",
        '<span class="pillar pillar-{}" title="{}">{}</span>',
        ((p.code, p.name, p.code) for p in pillars),
    )
    return format_html('<span class="pillars">{}</span>', marks)


@register.filter
def percent(value: Any) -> str:
    return f"{int(value or 0)}%"


@register.filter
def cohort_progress(cohort: Any, today: Any) -> int:
    return int(cohort.progress(today=today))


@register.filter
def dictget(mapping: Any, key: Any) -> Any:
    return mapping.get(key) if mapping else None


@register.filter
def in_zone(moment: Any, zone: str) -> Any:
    """A datetime as the clock reads in `zone` (an event's own time zone). Django's own
    filter marks the result so templates do not convert it back to the site's zone."""
    from django.templatetags.tz import do_timezone

    return do_timezone(moment, zone) if moment else moment


@register.filter
def web_link(value: str) -> bool:
    """Whether a stored address may be rendered as a link: only http(s), so a `javascript:`
    link saved before the rule existed shows as text and never runs."""
    return is_web_link(value or "")


@register.filter
def translated(value: str) -> str:
    """A stored English text (a matching criterion's name, say) in the reader's language,
    when the catalogue has it; otherwise as stored."""
    return gettext(value) if value else value


@register.filter
def stored_text(value: Any, text_key: str = "message") -> str:
    """A text kept in a record, in the reader's language (amplify.home.storedtext)."""
    return shown(value, text_key)
