from django import forms

from amplify.home.forms import Form


class ApiTokenForm(Form):
    name = forms.CharField(max_length=100, help_text="What will use it, e.g. “Workday sync”.")
    days = forms.IntegerField(
        min_value=1,
        max_value=365,
        initial=90,
        label="Valid for (days)",
        help_text="At most 365 days. You can revoke it at any time.",
    )
