"""People who sign in. Roles come from memberships (structures, organisations), not from the user."""

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models.functions import Lower


class EmailUserManager(UserManager):
    def _create_user(self, username, email, password, **extra_fields):
        email = self.normalize_email(email or username)
        user = self.model(email=email, **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(None, email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(None, email, password, **extra_fields)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractUser):
    """Signs in with an e-mail address; `is_staff` marks the platform administrators."""

    username = None
    email = models.EmailField("adresse e-mail", unique=True)
    # False from a sign-up until its e-mailed link is followed (the account stays inactive until
    # then); an account an administrator deactivates keeps True, so a new sign-up cannot revive it.
    email_confirmed = models.BooleanField("adresse e-mail confirmée", default=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = EmailUserManager()

    class Meta:
        verbose_name = "utilisateur"
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_ci_unique")]

    def __str__(self):
        return self.get_full_name() or self.email

    @property
    def awaits_activation(self):
        return not self.is_active and not self.email_confirmed

    @property
    def is_platform_admin(self):
        return self.is_active and self.is_staff


class PasswordResetRequest(models.Model):
    """A password-reset e-mail that was let through, counted to limit them per address and per IP
    (`reset_limit.py`) whichever web process served it; purged after a day (`housekeeping.py`)."""

    # A keyed hash of the typed address: counting needs no list of the addresses people typed.
    email_digest = models.CharField(max_length=64)
    ip_address = models.GenericIPAddressField(null=True)
    requested_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = "demande de réinitialisation de mot de passe"
        indexes = [models.Index(fields=["email_digest", "requested_at"])]

    def __str__(self):
        return f"{self.requested_at:%Y-%m-%d %H:%M} depuis {self.ip_address or 'IP inconnue'}"
