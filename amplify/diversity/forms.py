from django import forms
from django.utils.translation import gettext_lazy as _

from amplify.diversity.models import DiversityProfile
from amplify.diversity.services import FIELDS, SHAREABLE
from amplify.home.concurrency import VersionField
from amplify.home.forms import ModelForm


class DiversityProfileForm(ModelForm):
    consent_given = forms.BooleanField(
        required=True,
        label=_("The person consented to this data being held"),
        help_text=_("Required. Withdrawn consent means deleting the profile."),
    )
    share_with_mentor = forms.MultipleChoiceField(
        choices=list(SHAREABLE.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Would like a mentor who shares"),
        help_text=_("Up to two; used only if the person consents to use in matching."),
    )
    version = VersionField()

    class Meta:
        model = DiversityProfile
        fields = list(FIELDS)
        labels = {
            "gender": _("Gender"),
            "gender_self_description": _("Gender, in the person's own words"),
            "ethnicity": _("Ethnicity"),
            "disability": _("Disability"),
            "lgbtq": _("LGBTQ+"),
            "parental_occupation": _("Parents' occupation"),
            "school_type": _("Type of school"),
            "free_school_meals": _("Eligible for free school meals"),
            "first_generation_university": _("First in family at university"),
            "consent_to_matching": _("Consent to use in matching"),
        }
