from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from amplify.home.forms import Form, ModelForm
from amplify.talentbook.models import CONSENT_FIELDS, NOTE_MAX_LENGTH, TalentPage


class TalentPageForm(ModelForm):
    photo = forms.FileField(
        label=_("Photo"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".png,.jpg,.jpeg"}),
        help_text=_("A PNG or JPEG image."),
    )
    remove_photo = forms.BooleanField(label=_("Remove my photo"), required=False)

    class Meta:
        model = TalentPage
        fields = ["about", "stands_for", "strengths", "in_book", *CONSENT_FIELDS]
        widgets = {
            "about": forms.Textarea(attrs={"rows": 4}),
            "stands_for": forms.Textarea(attrs={"rows": 3}),
            "strengths": forms.Textarea(attrs={"rows": 3}),
        }


class InterestForm(Form):
    note = forms.CharField(
        label=_("A note (optional)"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Why you would like to meet: the person and the programme team read it."),
    )
