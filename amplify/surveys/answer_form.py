"""The survey page's form, built from the wave's questions: one field per item, named by
its key and drawn by its kind (a five-point scale, 0–10, yes/no, choices, a number, text).

Every field is optional here: a draft may leave anything out, and whether the survey is
complete is decided by the service (amplify.surveys.answering), which checks each answer.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from amplify.home.control_characters import guard_form_fields
from amplify.home.forms import Form
from amplify.surveys.answering import AGREEMENT_LABELS
from amplify.surveys.models import RECOMMENDATION_MAX, TEXT_MAX_LENGTH, ItemKind, WaveQuestion

GROUPED = {
    ItemKind.AGREEMENT,
    ItemKind.RECOMMENDATION,
    ItemKind.YES_NO,
    ItemKind.SINGLE,
    ItemKind.MULTIPLE,
}


def _field(question: WaveQuestion) -> forms.Field:
    item = question.item
    help_parts = [item.help_text] if item.help_text else []
    if item.kind == ItemKind.RECOMMENDATION:
        help_parts.append(str(_("0 is not at all likely, 10 extremely likely.")))
    if not question.required:
        help_parts.append(str(_("Optional.")))
    common: dict[str, Any] = {
        "label": item.text,
        "required": False,
        "help_text": " ".join(help_parts),
    }
    kind = item.kind
    choices: list[tuple[str, str | Promise]]
    if kind == ItemKind.AGREEMENT:
        choices = [(str(n), label) for n, label in AGREEMENT_LABELS.items()]
        return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
    if kind == ItemKind.RECOMMENDATION:
        choices = [(str(n), str(n)) for n in range(RECOMMENDATION_MAX + 1)]
        return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
    if kind == ItemKind.YES_NO:
        choices = [("yes", _("Yes")), ("no", _("No"))]
        return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
    if kind in (ItemKind.SINGLE, ItemKind.MULTIPLE):
        choices = [
            (str(c.get("value")), str(c.get("label") or c.get("value")))
            for c in item.choices
            if isinstance(c, dict)
        ]
        if kind == ItemKind.SINGLE:
            return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
        return forms.MultipleChoiceField(
            choices=choices, widget=forms.CheckboxSelectMultiple, **common
        )
    if kind == ItemKind.NUMBER:
        attrs: dict[str, Any] = {"step": "any", "inputmode": "decimal"}
        if item.number_min is not None:
            attrs["min"] = item.number_min
        if item.number_max is not None:
            attrs["max"] = item.number_max
        return forms.CharField(widget=forms.NumberInput(attrs=attrs), max_length=40, **common)
    return forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": TEXT_MAX_LENGTH}),
        max_length=TEXT_MAX_LENGTH,
        **common,
    )


def _initial(question: WaveQuestion, value: Any) -> Any:
    if value is None:
        return None
    if question.item.kind == ItemKind.YES_NO:
        return "yes" if value else "no"
    if isinstance(value, list):
        return [str(v) for v in value]
    return str(value)


class AnswerForm(Form):
    def __init__(
        self, *args: Any, questions: list[WaveQuestion], draft: dict[str, Any], **kwargs: Any
    ) -> None:
        kwargs["initial"] = {
            q.item.key: _initial(q, draft.get(q.item.key)) for q in questions if q.item.key in draft
        }
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[question.item.key] = _field(question)
        # The guard of the project's forms is applied in super().__init__, before the fields
        # existed: apply it to these too.
        guard_form_fields(self.fields)

    def answers(self) -> dict[str, Any]:
        return {q.item.key: self.cleaned_data.get(q.item.key) for q in self.questions}

    def rows(self) -> list[dict[str, Any]]:
        """Each question's bound field, whether it is a group of choices, and the id the
        error summary links to (the first choice of a group)."""
        shown = []
        for number, question in enumerate(self.questions, start=1):
            bound = self[question.item.key]
            grouped = question.item.kind in GROUPED
            shown.append(
                {
                    "number": number,
                    "field": bound,
                    "grouped": grouped,
                    "required": question.required,
                    "anchor": f"{bound.auto_id}_0" if grouped else bound.auto_id,
                }
            )
        return shown
