from django import forms

from amplify.diversity.models import DiversityProfile
from amplify.diversity.services import FIELDS


class DiversityProfileForm(forms.ModelForm):
    consent_given = forms.BooleanField(
        required=True,
        label="The person consented to this data being held",
        help_text="Required. Withdrawn consent means deleting the profile.",
    )

    class Meta:
        model = DiversityProfile
        fields = list(FIELDS)
