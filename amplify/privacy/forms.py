from django import forms
from django.utils.translation import gettext_lazy as _

from amplify.home.forms import Form


class ErasureRequestForm(Form):
    email = forms.CharField(
        label=_("Your email address"),
        max_length=254,
        help_text=_("Type the email address shown on your profile, to confirm."),
    )
    understood = forms.BooleanField(
        label=_(
            "I understand that my name, contact details, account and history will be "
            "removed for good, and that I will no longer be able to sign in."
        )
    )


class StaffErasureForm(Form):
    confirm = forms.CharField(
        label=_("Type ERASE to confirm"), max_length=10, help_text=_("This cannot be undone.")
    )

    def clean_confirm(self) -> str:
        value: str = self.cleaned_data["confirm"]
        if value.strip() != "ERASE":
            raise forms.ValidationError(_("Type ERASE, in capitals, to confirm."))
        return value
