"""Pydantic's field errors in the caller's language.

An API input that fails its schema answers 422 with ninja's list of errors, one per field:
`{"detail": [{"type", "loc", "msg", "ctx"?}]}`. Pydantic writes `msg` in English only, so the
sentence is rebuilt here from the error's `type` and its `ctx` values, through gettext; `type`,
`loc` and `ctx` stay as pydantic gives them, so a client can act on them in any language. A
type has a sentence (a test walks pydantic_core's list of types); one added by a later
pydantic keeps pydantic's own sentence until it is given one.
"""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

# Keyed by pydantic's error type; placeholders are the names of the error's ctx values.
# Where pydantic's ctx "error" is a parser's English detail ("input is too short"), the
# sentence leaves it out: the type already says what is wrong.
MESSAGES: dict[str, Any] = {
    "missing": _("This field is required."),
    "extra_forbidden": _("This field is not allowed here."),
    "string_too_short": ngettext_lazy(
        "Enter at least %(min_length)s character.",
        "Enter at least %(min_length)s characters.",
        "min_length",
    ),
    "string_too_long": ngettext_lazy(
        "Enter at most %(max_length)s character.",
        "Enter at most %(max_length)s characters.",
        "max_length",
    ),
    "string_pattern_mismatch": _("Enter a value in the expected format."),
    "too_short": ngettext_lazy(
        "Give at least %(min_length)s item.",
        "Give at least %(min_length)s items.",
        "min_length",
    ),
    "too_long": ngettext_lazy(
        "Give at most %(max_length)s item.",
        "Give at most %(max_length)s items.",
        "max_length",
    ),
    "string_type": _("Enter text."),
    "int_type": _("Enter a whole number."),
    "int_parsing": _("Enter a whole number."),
    "int_from_float": _("Enter a whole number, without a fractional part."),
    "float_type": _("Enter a number."),
    "float_parsing": _("Enter a number."),
    "decimal_type": _("Enter a number."),
    "decimal_parsing": _("Enter a number."),
    "bool_type": _("Enter true or false."),
    "bool_parsing": _("Enter true or false."),
    "date_type": _("Enter a valid date (YYYY-MM-DD)."),
    "date_parsing": _("Enter a valid date (YYYY-MM-DD)."),
    "date_from_datetime_parsing": _("Enter a valid date (YYYY-MM-DD)."),
    "date_from_datetime_inexact": _("Enter a date without a time of day."),
    "datetime_type": _("Enter a valid date and time (ISO 8601)."),
    "datetime_parsing": _("Enter a valid date and time (ISO 8601)."),
    "datetime_from_date_parsing": _("Enter a valid date and time (ISO 8601)."),
    "timezone_aware": _("Enter a date and time with its time zone offset."),
    "time_type": _("Enter a valid time (HH:MM)."),
    "time_parsing": _("Enter a valid time (HH:MM)."),
    "uuid_type": _("Enter a valid UUID."),
    "uuid_parsing": _("Enter a valid UUID."),
    "literal_error": _("Choose one of: %(expected)s."),
    "enum": _("Choose one of: %(expected)s."),
    "greater_than": _("Enter a value greater than %(gt)s."),
    "greater_than_equal": _("Enter a value of at least %(ge)s."),
    "less_than": _("Enter a value less than %(lt)s."),
    "less_than_equal": _("Enter a value of at most %(le)s."),
    "multiple_of": _("Enter a multiple of %(multiple_of)s."),
    "finite_number": _("Enter a finite number."),
    "url_type": _("Enter a valid web address."),
    "url_parsing": _("Enter a valid web address."),
    "url_scheme": _("Enter a web address starting with %(expected_schemes)s."),
    "url_too_long": ngettext_lazy(
        "Enter a web address of at most %(max_length)s character.",
        "Enter a web address of at most %(max_length)s characters.",
        "max_length",
    ),
    "json_invalid": _("Send valid JSON."),
    "json_type": _("Send valid JSON."),
    "list_type": _("Give a list."),
    "set_type": _("Give a list."),
    "tuple_type": _("Give a list."),
    "dict_type": _("Give an object."),
    "model_type": _("Give an object."),
    "model_attributes_type": _("Give an object."),
    "none_required": _("Leave this field empty (null)."),
    "int_parsing_size": _("Enter a smaller whole number."),
    "string_unicode": _("Enter text (valid Unicode)."),
    "string_not_ascii": _("Use only ASCII characters."),
    "bytes_type": _("Enter text."),
    "bytes_too_short": ngettext_lazy(
        "Enter at least %(min_length)s byte.", "Enter at least %(min_length)s bytes.", "min_length"
    ),
    "bytes_too_long": ngettext_lazy(
        "Enter at most %(max_length)s byte.", "Enter at most %(max_length)s bytes.", "max_length"
    ),
    "bytes_invalid_encoding": _("Enter text in the %(encoding)s encoding."),
    "decimal_max_digits": ngettext_lazy(
        "Enter a number of at most %(max_digits)s digit.",
        "Enter a number of at most %(max_digits)s digits.",
        "max_digits",
    ),
    "decimal_max_places": ngettext_lazy(
        "Enter a number with at most %(decimal_places)s decimal place.",
        "Enter a number with at most %(decimal_places)s decimal places.",
        "decimal_places",
    ),
    "decimal_whole_digits": ngettext_lazy(
        "Enter a number with at most %(whole_digits)s digit before the decimal point.",
        "Enter a number with at most %(whole_digits)s digits before the decimal point.",
        "whole_digits",
    ),
    "fraction_type": _("Enter a number."),
    "fraction_parsing": _("Enter a number."),
    "complex_type": _("Enter a number."),
    "complex_str_parsing": _("Enter a number."),
    "date_past": _("Enter a date in the past."),
    "date_future": _("Enter a date in the future."),
    "datetime_object_invalid": _("Enter a valid date and time (ISO 8601)."),
    "datetime_past": _("Enter a date and time in the past."),
    "datetime_future": _("Enter a date and time in the future."),
    "timezone_naive": _("Enter a date and time without a time zone offset."),
    "timezone_offset": _("Enter a date and time with the time zone offset %(tz_expected)s."),
    "time_delta_type": _("Enter a valid duration (ISO 8601)."),
    "time_delta_parsing": _("Enter a valid duration (ISO 8601)."),
    "uuid_version": _("Enter a version %(expected_version)s UUID."),
    "url_syntax_violation": _("Enter a valid web address."),
    "iterable_type": _("Give a list."),
    "iteration_error": _("Give a list."),
    "frozen_set_type": _("Give a list."),
    "deque_type": _("Give a list."),
    "set_item_not_hashable": _("Give a list of single values."),
    "named_tuple_type": _("Give a list or an object."),
    "dataclass_type": _("Give an object."),
    "dataclass_exact_type": _("Give an object."),
    "mapping_type": _("Give an object."),
    "frozen_dict_type": _("Give an object."),
    "ordered_dict_type": _("Give an object."),
    "counter_type": _("Give an object."),
    "invalid_key": _("Use text for every key of this object."),
    "arguments_type": _("Give a list or an object."),
    "union_tag_invalid": _("Choose one of: %(expected_tags)s."),
    "union_tag_not_found": _("Say which kind of value this is (%(discriminator)s)."),
    "missing_argument": _("This field is required."),
    "missing_keyword_only_argument": _("This field is required."),
    "missing_positional_only_argument": _("This field is required."),
    "unexpected_keyword_argument": _("This field is not allowed here."),
    "unexpected_positional_argument": _("This field is not allowed here."),
    "multiple_argument_values": _("Give this field once."),
    "frozen_field": _("This field cannot be changed."),
    "frozen_instance": _("This value cannot be changed."),
    "missing_sentinel_error": _("Leave this field out."),
    "ellipsis_error": _("This value is not accepted."),
    # Types a JSON body cannot cause (they check Python objects or the schema itself): a
    # plain sentence still, in the caller's language, should one ever come through.
    "no_such_attribute": _("This value is not accepted."),
    "needs_python_object": _("This value is not accepted."),
    "recursion_loop": _("This value refers to itself."),
    "recursion_depth_exceeded": _("This value is nested too deeply."),
    "get_attribute_error": _("This value is not accepted."),
    "default_factory_not_called": _("Correct the other errors first."),
    "is_instance_of": _("This value is not accepted."),
    "is_subclass_of": _("This value is not accepted."),
    "callable_type": _("This value is not accepted."),
    # Our own validators (amplify.apischema) raise ValueError with a sentence already in
    # the caller's language; only pydantic's English prefix ("Value error, ") is replaced.
    "value_error": _("Invalid value: %(error)s"),
    "assertion_error": _("Invalid value: %(error)s"),
}


# Pydantic lists a choice's values in English ("'a', 'b' or 'c'"); a comma needs no translation.
_QUOTED = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|\b\d+\b")


def _context(error: dict[str, Any]) -> dict[str, Any]:
    context = dict(error.get("ctx") or {})
    if error.get("type") in {"literal_error", "enum"} and isinstance(context.get("expected"), str):
        values = _QUOTED.findall(context["expected"])
        if values:
            context["expected"] = ", ".join(values)
    return context


def translated_message(error: dict[str, Any]) -> str:
    """The sentence for one pydantic error, in the active language; pydantic's own if its
    type is not in the table or its ctx lacks a value the sentence names."""
    message = MESSAGES.get(str(error.get("type")))
    if message is None:
        return str(error.get("msg", ""))
    context = _context(error)
    try:
        # A plural picks its form from the ctx value it names (ngettext_lazy's number key).
        return str(message % context)
    except (KeyError, TypeError, ValueError):
        return str(error.get("msg", ""))


def translated_errors(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Ninja's error list with each `msg` in the active language, all else as it was."""
    return [{**error, "msg": translated_message(error)} for error in errors]
