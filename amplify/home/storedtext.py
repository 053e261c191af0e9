"""Texts kept in a record and shown later, in the reader's language.

A record stores the English msgid and its parameters (JSON), not a sentence: the sentence is
built when it is shown, in the language of whoever reads it. Each msgid is marked with
`gettext_noop` where it is written so that makemessages finds it. A record written before
this holds a plain English string; it is shown as it is (translated if it happens to be a
msgid of its own).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext


def english(msgid: str, params: Mapping[str, Any] | None = None) -> str:
    """The sentence in English, as stored beside the code for clients that read only text."""
    return msgid % dict(params) if params else msgid


def translated(msgid: str, params: Mapping[str, Any] | None = None) -> str:
    """The sentence in the active language; the English one if the translation is broken."""
    text = gettext(msgid)
    if not params:
        return text
    values = dict(params)
    try:
        return text % values
    except (KeyError, ValueError, TypeError):
        return msgid % values


def shown(value: Any, text_key: str = "message") -> str:
    """What a stored text reads in the active language: a dict with `msgid` (and `params`)
    is translated; otherwise its `text_key` (or the string itself) is a msgid without
    parameters, or an English sentence from an older record, shown as it is."""
    if isinstance(value, Mapping):
        if value.get("msgid"):
            return translated(value["msgid"], value.get("params"))
        value = value.get(text_key)
    if isinstance(value, str):
        return gettext(value) if value else ""
    return "" if value is None else str(value)
