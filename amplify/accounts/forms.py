from django import forms
from django.utils.translation import gettext_lazy as _

from amplify.home.forms import Form


class ApiTokenForm(Form):
    name = forms.CharField(
        max_length=100, help_text=_("What will use it, e.g. “Workday sync”."), label=_("Name")
    )
    days = forms.IntegerField(
        min_value=1,
        max_value=365,
        initial=90,
        label=_("Valid for (days)"),
        help_text=_("At most 365 days. You can revoke it at any time."),
    )
