"""The builder's forms. They check shapes (a number, a date); the rules (unique option
values, a key fixed once answered, an audience the programme has) are the services'."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from amplify.home.forms import Form
from amplify.programmes.models import Cohort, Programme
from amplify.surveys.models import (
    AUDIENCE_ROLES,
    Anchor,
    Item,
    ItemKind,
    Mode,
    Phase,
    Template,
)

CHOICES_HELP = _(
    "Single and multiple choice only: one option a line, as “value | label” (e.g. "
    "“events | Events and talks”). The value is what is stored: keep it short and stable."
)


def _moment(label: Any) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )


def choices_to_lines(choices: list[dict[str, str]]) -> str:
    return "\n".join(f"{c['value']} | {c['label']}" for c in choices)


def lines_to_choices(text: str) -> list[dict[str, str]]:
    """ "value | label" a line; a line without "|" is its own value and label."""
    result = []
    for line in text.splitlines():
        if not line.strip():
            continue
        value, _bar, label = line.partition("|")
        result.append({"value": value.strip(), "label": (label or value).strip()})
    return result


class ItemForm(Form):
    key = forms.SlugField(
        label=_("Item key"),
        max_length=60,
        help_text=_(
            "Letters, digits, - and _, e.g. barriers_understood. The same key in two waves is "
            "the same question; it cannot change once answered."
        ),
    )
    kind = forms.ChoiceField(label=_("Type"), choices=ItemKind.choices)
    text = forms.CharField(label=_("Question"), max_length=300)
    help_text = forms.CharField(label=_("Help text"), max_length=300, required=False)
    choices_text = forms.CharField(
        label=_("Options"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=10_000,
        help_text=CHOICES_HELP,
    )
    number_min = forms.IntegerField(label=_("Smallest number"), required=False)
    number_max = forms.IntegerField(label=_("Largest number"), required=False)

    def __init__(self, *args: Any, answered: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if answered:
            for name in ("key", "kind"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Fixed: this item has been answered.")

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["choices"] = lines_to_choices(data.pop("choices_text") or "")
        return data


class ItemFilterForm(Form):
    kind = forms.ChoiceField(
        label=_("Type"), choices=[("", _("Any type")), *ItemKind.choices], required=False
    )
    q = forms.CharField(label=_("Search"), max_length=100, required=False)
    retired = forms.BooleanField(label=_("Show retired items"), required=False)


class SettingsForm(Form):
    reminder_days = forms.CharField(
        label=_("Reminders (days after the invitation)"),
        max_length=100,
        required=False,
        help_text=_("Comma-separated, e.g. 3, 7. Empty: no reminder by days."),
    )
    remind_before_close = forms.BooleanField(
        label=_("Remind the day before closing"), required=False
    )
    max_reminders = forms.IntegerField(label=_("Most reminders"), min_value=0, max_value=3)
    follow_up_months = forms.IntegerField(
        label=_("Follow-up after (months)"), min_value=1, max_value=36
    )

    def clean_reminder_days(self) -> list[int]:
        text = self.cleaned_data["reminder_days"] or ""
        parts = [p.strip() for p in text.replace(";", ",").split(",") if p.strip()]
        try:
            return [int(p) for p in parts]
        except ValueError as exc:
            raise ValidationError(_("Give whole numbers of days, e.g. 3, 7.")) from exc


class TemplateForm(Form):
    name = forms.CharField(label=_("Name"), max_length=160)


def _audience_field(programme: Programme) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=_("Audience"),
        choices=[(r.value, r.label) for r in programme.roles if r in AUDIENCE_ROLES],
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The roles asked."),
    )


class TemplateWaveForm(Form):
    title = forms.CharField(label=_("Title"), max_length=160)
    phase = forms.ChoiceField(label=_("Phase"), choices=Phase.choices)
    mode = forms.ChoiceField(label=_("Response mode"), choices=Mode.choices)
    anchor = forms.ChoiceField(label=_("Dated from"), choices=Anchor.choices)
    opens_after_days = forms.IntegerField(
        label=_("Opens (days after)"),
        min_value=-365,
        max_value=3650,
        help_text=_(
            "Negative: before the date. A follow-up wave dated from the end with 0 opens the "
            "programme's follow-up months after the end."
        ),
    )
    open_days = forms.IntegerField(label=_("Open for (days)"), min_value=1, max_value=365)

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["audience"] = _audience_field(programme)
        self.order_fields(["title", "phase", "audience", "mode"])


class WaveForm(Form):
    title = forms.CharField(label=_("Title"), max_length=160)
    phase = forms.ChoiceField(label=_("Phase"), choices=Phase.choices)
    mode = forms.ChoiceField(label=_("Response mode"), choices=Mode.choices)
    opens_at = _moment(_("Opens at"))
    closes_at = _moment(_("Closes at"))

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["audience"] = _audience_field(programme)
        self.order_fields(["title", "phase", "audience", "mode"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("The wave must close after it opens."))
        return data


class QuestionAddForm(Form):
    item = forms.ModelChoiceField(
        label=_("Item"), queryset=Item.objects.filter(retired=False), empty_label=None
    )
    required = forms.BooleanField(label=_("Required"), required=False, initial=True)

    def __init__(self, *args: Any, asked: list[int] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["item"]
        if asked:
            field.queryset = field.queryset.exclude(pk__in=asked)
        field.label_from_instance = lambda item: f"{item.key} · {item.text}"


class ApplyForm(Form):
    template = forms.ModelChoiceField(label=_("Template"), queryset=Template.objects.none())

    def __init__(self, *args: Any, cohort: Cohort, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["template"]
        field.queryset = Template.objects.filter(programme_id=cohort.programme_id)


class ApplyToCohortForm(Form):
    cohort = forms.ModelChoiceField(label=_("Cohort"), queryset=Cohort.objects.none())

    def __init__(self, *args: Any, template: Template, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["cohort"]
        field.queryset = Cohort.objects.managed_by(user).filter(programme_id=template.programme_id)
