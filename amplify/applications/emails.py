"""The emails an applicant gets before she has an account, in the language she applied in:
the link to resume her application, a partner's invitation, an offer, a decline, and the
invitation to set up her account once she accepted."""

from __future__ import annotations

from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from amplify.accounts.models import User
from amplify.applications.models import Application
from amplify.home.locale import supported_language
from amplify.home.notifications import notification_send


def _send(application: Application, subject: str, body: str, about: str) -> bool:
    return notification_send(
        subject=subject,
        body=body,
        to=application.email,
        about=f"{about}, application {application.pk}",
    )


def _names(application: Application) -> dict[str, str]:
    return {"name": application.name or application.email, "cohort": application.cohort.name}


def resume_link_send(application: Application) -> bool:
    from amplify.applications.links import resume_link

    with translation.override(supported_language(application.language) or None):
        names = _names(application) | {"link": resume_link(application)}
        subject = _("Your application to %(cohort)s") % names
        body = (
            _(
                "Hello %(name)s,\n\nHere is your link to continue your application to %(cohort)s "
                "(it works for two weeks; keep it to yourself):\n\n%(link)s\n\n"
                "If you did not start an application, you can ignore this email.\n"
            )
            % names
        )
    return _send(application, subject, body, "application resume link")


def referral_invitation_send(application: Application) -> bool:
    from amplify.applications.links import resume_link

    with translation.override(supported_language(application.language) or None):
        names = _names(application) | {
            "link": resume_link(application),
            "partner": str(application.referred_by or ""),
        }
        subject = _("%(partner)s suggested you for %(cohort)s") % names
        body = (
            _(
                "Hello %(name)s,\n\n%(partner)s thinks you would get a lot from %(cohort)s, a "
                "free mentoring programme, and has put your name forward. To apply, complete "
                "your application here:\n\n%(link)s\n\n"
                "If you are not interested, you can ignore this email.\n"
            )
            % names
        )
    return _send(application, subject, body, "referral invitation")


def offer_send(application: Application) -> bool:
    from amplify.applications.links import offer_link

    with translation.override(supported_language(application.language) or None):
        deadline = application.offer_deadline
        names = _names(application) | {
            "link": offer_link(application),
            "deadline": date_format(deadline, "DATE_FORMAT") if deadline else "",
        }
        subject = _("A place for you in %(cohort)s") % names
        body = (
            _(
                "Hello %(name)s,\n\nWe are delighted to offer you a place in %(cohort)s. "
                "Please accept it by %(deadline)s here:\n\n%(link)s\n"
            )
            % names
        )
    return _send(application, subject, body, "offer")


def decline_send(application: Application) -> bool:
    with translation.override(supported_language(application.language) or None):
        names = _names(application) | {"reason": application.decline_reason}
        subject = _("Your application to %(cohort)s") % names
        body = (
            _(
                "Hello %(name)s,\n\nThank you for applying to %(cohort)s. We are sorry that we "
                "cannot offer you a place this time. The programme team says: %(reason)s\n\n"
                "We wish you every success, and hope to hear from you again.\n"
            )
            % names
        )
    return _send(application, subject, body, "decline")


def account_invitation_send(application: Application, user: User) -> bool:
    from allauth.account.forms import default_token_generator
    from allauth.account.utils import user_pk_to_url_str

    from amplify.accounts.adapters import AccountAdapter

    key = f"{user_pk_to_url_str(user)}-{default_token_generator.make_token(user)}"
    link = AccountAdapter().get_reset_password_from_key_url(key)
    with translation.override(supported_language(application.language) or None):
        names = _names(application) | {"link": link, "email": user.email}
        subject = _("Set up your account for %(cohort)s") % names
        body = (
            _(
                "Hello %(name)s,\n\nWelcome to %(cohort)s! Your account is ready: sign in with "
                "%(email)s after choosing your password here:\n\n%(link)s\n"
            )
            % names
        )
    return _send(application, subject, body, "account invitation")
