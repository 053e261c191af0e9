"""Login accounts. A person's programme roles live on enrolments; an account carries only the
organisation-wide role (programme manager, impact admin, outreach partner) and API tokens."""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from amplify.accounts.types import Viewer
from amplify.home.history_actor import HistoryActor


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("An account needs an email address.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


def sees_nothing(user: Any) -> bool:
    """Anonymous or deactivated: every `for_user()` gives such a user nothing."""
    return not user.is_authenticated or not user.is_active


def sees_every_programme(user: Any) -> bool:
    """Administrators and impact admins see every programme and all that is in it (call it
    after `sees_nothing`; diversity data has its own, narrower rule)."""
    return bool(user.is_superuser or user.is_impact_admin)


class User(AbstractBaseUser, PermissionsMixin):
    class Role(models.TextChoices):
        # Participants, mentors, mentees, coaches and sponsors are members: what they may do
        # comes from their enrolments in cohorts, not from the account.
        MEMBER = "member", _("Member")
        PROGRAMME_MANAGER = "programme_manager", _("Programme manager")
        IMPACT_ADMIN = "impact_admin", _("Impact admin")
        PARTNER = "partner", _("Outreach partner")

    email = models.EmailField(_("email address"), unique=True)
    role = models.CharField(
        max_length=32, choices=Role.choices, default=Role.MEMBER, verbose_name=_("role")
    )
    is_active = models.BooleanField(default=True, verbose_name=_("is active"))
    is_staff = models.BooleanField(
        _("admin access"), default=False, help_text=_("May log in to the back-office admin.")
    )
    date_joined = models.DateTimeField(default=timezone.now, verbose_name=_("date joined"))

    history = HistoricalRecords(bases=[HistoryActor], excluded_fields=["password", "last_login"])

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.email

    @property
    def is_impact_admin(self) -> bool:
        return self.is_active and self.role == self.Role.IMPACT_ADMIN

    @property
    def is_programme_manager(self) -> bool:
        return self.is_active and self.role == self.Role.PROGRAMME_MANAGER

    @property
    def is_partner(self) -> bool:
        return self.is_active and self.role == self.Role.PARTNER

    @property
    def needs_mfa(self) -> bool:
        """Staff roles see many people's records, so they must use a second factor."""
        return (
            self.is_superuser
            or self.is_staff
            or self.role
            in (
                self.Role.PROGRAMME_MANAGER,
                self.Role.IMPACT_ADMIN,
            )
        )


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def active(self, *, now: datetime) -> ApiTokenQuerySet:
        return self.filter(revoked_at__isnull=True, expires_at__gt=now, user__is_active=True)

    def for_user(self, user: Viewer) -> ApiTokenQuerySet:
        if not user.is_authenticated:
            return self.none()
        return self.filter(user=user)


class ApiToken(models.Model):
    """A personal API token. Only a SHA-256 hash of the secret is stored; the secret is shown
    once, when the token is created."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("user")
    )
    name = models.CharField(max_length=100, verbose_name=_("name"))
    prefix = models.CharField(
        max_length=12, help_text=_("First characters, to recognise it."), verbose_name=_("prefix")
    )
    key_hash = models.CharField(max_length=64, unique=True, verbose_name=_("key hash"))
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("created at"))
    expires_at = models.DateTimeField(verbose_name=_("expires at"))
    last_used_at = models.DateTimeField(null=True, blank=True, verbose_name=_("last used at"))
    revoked_at = models.DateTimeField(null=True, blank=True, verbose_name=_("revoked at"))

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def is_active(self, *, now: datetime) -> bool:
        return self.revoked_at is None and self.expires_at > now
