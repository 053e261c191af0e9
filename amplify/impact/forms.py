"""The indicator library's form and the publish form: what the pages send to the services
in amplify.impact.library and amplify.impact.snapshots."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from amplify.home.forms import Form, ModelForm
from amplify.impact.models import Indicator
from amplify.outcomes.models import Kind as OutcomeKind
from amplify.surveys.models import Item

FIELDS = [
    "name",
    "definition",
    "kind",
    "programme_kind",
    "item",
    "phase",
    "role",
    "success_values",
    "outcome_kind",
    "during_programme",
    "since_year",
    "stage",
    "position",
    "active",
]


def parse_values(text: str) -> list[Any]:
    """'4, 5' → [4, 5]; 'events, talks' → ['events', 'talks'] (choice values stay text)."""
    out: list[Any] = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        try:
            number = float(part)
        except ValueError:
            out.append(part)
        else:
            out.append(int(number) if number.is_integer() else number)
    return out


class IndicatorForm(ModelForm):
    key = forms.SlugField(
        label=_("key"),
        max_length=60,
        help_text=_("Stable: reports and published snapshots refer to it."),
    )
    success_values = forms.CharField(
        label=_("counted answers"),
        required=False,
        help_text=_("Comma-separated, e.g. 4, 5 (agree, strongly agree) or 1 (yes)."),
    )
    outcome_kind = forms.ChoiceField(
        label=_("outcome kind"),
        required=False,
        choices=[("", "—"), *OutcomeKind.choices],
    )

    class Meta:
        model = Indicator
        fields = FIELDS
        widgets = {"definition": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        item = self.fields["item"]
        assert isinstance(item, forms.ModelChoiceField)
        item.queryset = Item.objects.filter(retired=False).order_by("key")
        self.fields["definition"].required = True
        if self.instance.pk:
            del self.fields["key"]
            self.initial["success_values"] = ", ".join(
                str(v) for v in self.instance.success_values or []
            )
        else:
            self.order_fields(["key", *FIELDS])

    def clean_success_values(self) -> list[Any]:
        return parse_values(self.cleaned_data.get("success_values") or "")

    def _post_clean(self) -> None:
        # The service checks the indicator against its kind (amplify.impact.library).
        pass

    def service_fields(self) -> dict[str, Any]:
        data = {name: self.cleaned_data.get(name) for name in FIELDS}
        data["success_values"] = self.cleaned_data.get("success_values") or []
        for name in ("programme_kind", "phase", "role", "outcome_kind", "stage"):
            data[name] = data[name] or ""
        if data["position"] is None:
            data["position"] = 0
        return data


class PublishForm(Form):
    note = forms.CharField(
        label=_("note"),
        max_length=300,
        required=False,
        help_text=_("E.g. what this version is for (the board, the annual review)."),
    )
