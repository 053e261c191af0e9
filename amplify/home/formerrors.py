"""Showing a service's ValidationError on the form that called it."""

from __future__ import annotations

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from amplify.home.concurrency import EditConflict


def add_service_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Attach each message to its field when the form has it, otherwise to the form."""
    if isinstance(exc, EditConflict):
        exc.show_on(form)  # also gives the form the current version
        return
    if not hasattr(exc, "error_dict"):
        for message in exc.messages:
            form.add_error(None, message)
        return
    for field, messages in exc.message_dict.items():
        for message in messages:
            if field in form.fields:
                form.add_error(field, message)
            elif field == NON_FIELD_ERRORS:
                form.add_error(None, message)
            else:
                form.add_error(None, f"{field.replace('_', ' ').capitalize()}: {message}")
