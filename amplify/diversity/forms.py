from django import forms

from amplify.diversity.models import DiversityProfile


class DiversityProfileForm(forms.ModelForm):
    consent_given = forms.BooleanField(
        required=True,
        label="The person consented to this data being held",
        help_text="Required. Withdrawn consent means deleting the profile.",
    )

    class Meta:
        model = DiversityProfile
        fields = [
            "gender",
            "gender_self_description",
            "ethnicity",
            "disability",
            "lgbtq",
            "parental_occupation",
            "school_type",
            "free_school_meals",
            "first_generation_university",
            "consent_to_matching",
        ]
