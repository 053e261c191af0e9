from django import forms

from amplify.diversity.models import DiversityProfile
from amplify.diversity.services import FIELDS, SHAREABLE
from amplify.home.concurrency import VersionField
from amplify.home.forms import ModelForm


class DiversityProfileForm(ModelForm):
    consent_given = forms.BooleanField(
        required=True,
        label="The person consented to this data being held",
        help_text="Required. Withdrawn consent means deleting the profile.",
    )
    share_with_mentor = forms.MultipleChoiceField(
        choices=list(SHAREABLE.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Would like a mentor who shares",
        help_text="Up to two; used only if the person consents to use in matching.",
    )
    version = VersionField()

    class Meta:
        model = DiversityProfile
        fields = list(FIELDS)
