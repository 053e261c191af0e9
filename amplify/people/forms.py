from __future__ import annotations

import zoneinfo
from functools import cache
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from amplify.home.concurrency import VersionField
from amplify.home.forms import Form
from amplify.home.locale import language_choices
from amplify.people.models import BIO_MAX_LENGTH, Country, Division, Language, Partner


@cache
def time_zone_choices() -> list[tuple[str, str]]:
    zones = sorted(
        z for z in zoneinfo.available_timezones() if "/" in z and not z.startswith("Etc")
    )
    return [("", "—"), *((z, z.replace("_", " ")) for z in zones), ("UTC", "UTC")]


class ProfileForm(Form):
    preferred_name = forms.CharField(
        max_length=100,
        required=False,
        help_text=_("What people should call you."),
        label=_("Preferred name"),
    )
    pronouns = forms.CharField(
        max_length=40, required=False, help_text=_("e.g. she/her, they/them"), label=_("Pronouns")
    )
    bio = forms.CharField(
        label=_("About me"),
        required=False,
        max_length=BIO_MAX_LENGTH,
        widget=forms.Textarea,
        help_text=_("Who you are, what you bring, what you stand for."),
    )
    languages = forms.MultipleChoiceField(
        required=False, help_text=_("Hold Ctrl or ⌘ to pick several."), label=_("Languages")
    )
    time_zone = forms.ChoiceField(
        required=False,
        label=_("Time zone"),
        help_text=_("Dates and times are shown in it."),
    )
    interface_language = forms.ChoiceField(
        required=False,
        label=_("Language of Amplify"),
        help_text=_("The language Amplify speaks to you. Empty follows your browser."),
    )
    version = VersionField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["languages"]).choices = list(
            Language.objects.values_list("code", "name")
        )
        cast(forms.ChoiceField, self.fields["time_zone"]).choices = time_zone_choices()
        cast(forms.ChoiceField, self.fields["interface_language"]).choices = [
            ("", _("As my browser says")),
            *language_choices(),
        ]


class ExternalPersonForm(Form):
    name = forms.CharField(max_length=200, label=_("Name"))
    email = forms.EmailField(label=_("Email"))
    country = forms.ModelChoiceField(Country.objects.all(), required=False, label=_("Country"))
    referred_by = forms.ModelChoiceField(
        Partner.objects.all(),
        required=False,
        help_text=_("The outreach partner, for mentees."),
        label=_("Referred by"),
    )


class DirectoryFilterForm(Form):
    KIND_CHOICES = [
        ("", _("Everyone")),
        ("employees", _("Employees")),
        ("externals", _("External")),
    ]
    q = forms.CharField(
        required=False,
        label=_("Search"),
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": "Name, email, job title or employee id"}
        ),
    )
    country = forms.ModelChoiceField(
        Country.objects.filter(people__isnull=False).distinct(),
        required=False,
        empty_label=_("All countries"),
        label=_("Country"),
    )
    division = forms.ModelChoiceField(
        Division.objects.all(), required=False, empty_label=_("All divisions"), label=_("Division")
    )
    kind = forms.ChoiceField(choices=KIND_CHOICES, required=False, label=_("Kind"))

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        """`people`: those the user may see. A filter offers only the values found among
        them, and is left out when it could not narrow the list (a mentee sees three people,
        not a choice of 47 countries)."""
        super().__init__(*args, **kwargs)
        fields = cast(dict[str, Any], self.fields)
        fields["country"].queryset = Country.objects.filter(pk__in=people.values("country_id"))
        fields["division"].queryset = Division.objects.filter(pk__in=people.values("division_id"))
        self.shown = {
            "country": fields["country"].queryset.count() > 1,
            "division": fields["division"].queryset.count() > 1,
            "kind": people.employees().exists() and people.externals().exists(),
        }


class ImportUploadForm(Form):
    file = forms.FileField(
        help_text=_("CSV (UTF-8, comma or semicolon separated) or XLSX, one person per row."),
        label=_("File"),
    )
