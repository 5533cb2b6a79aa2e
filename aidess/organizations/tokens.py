"""Organisation tokens for the API: created and revoked by the organisation's administrators,
shown once, stored as a SHA-256 of the whole token (a 256-bit random secret needs no slow hash).

A token acts for its organisation (`request.auth.organization`, its aids and territory) and in
the name of the person who created it, who must still be an active member: what the API changes is
recorded as theirs, with the origin "API" and the token's prefix. Generic: the instruction API
uses it, the watch cells' API will too.
"""

import hashlib
import hmac
import secrets

from django.utils import timezone
from django.utils.formats import date_format
from ninja.security import HttpBearer

from aidess.core.api import ApiError
from aidess.history.context import current_source
from aidess.organizations.models import ApiToken

TOKEN_START = "aidess_"
# last_used_at is written at most once a minute per token, not on every call.
USE_RESOLUTION_SECONDS = 60


class TokenRefused(ApiError):
    def __init__(self, message):
        super().__init__(401, message)


UNKNOWN = (
    "Jeton d'accès inconnu. Envoyez l'en-tête « Authorization: Bearer <jeton> » avec le jeton "
    "affiché à sa création."
)


def digest(clear):
    return hashlib.sha256(clear.encode()).hexdigest()


def new_secret():
    """(a prefix no token has, a 256-bit secret)."""
    prefix = secrets.token_hex(4)
    while ApiToken.objects.filter(prefix=prefix).exists():  # 1 chance in 4 billion
        prefix = secrets.token_hex(4)
    return prefix, secrets.token_urlsafe(32)


def create_token(organization, user, name):
    """(the stored token, the clear token to show once)."""
    prefix, secret = new_secret()
    clear = f"{TOKEN_START}{prefix}_{secret}"
    token = ApiToken.objects.create(
        organization=organization,
        name=name.strip(),
        prefix=prefix,
        secret_hash=digest(clear),
        created_by=user,
    )
    return token, clear


def revoke(token, user):
    if token.revoked_at is None:
        token.revoked_at, token.revoked_by = timezone.now(), user
        token.save(update_fields=["revoked_at", "revoked_by"])
    return token


def token_for(clear):
    """The token `clear` stands for, or TokenRefused (401) saying why in French."""
    parts = clear.strip().split("_")
    if len(parts) < 3 or f"{parts[0]}_" != TOKEN_START:
        raise TokenRefused(UNKNOWN)
    token = (
        ApiToken.objects.select_related("organization", "created_by")
        .filter(prefix=parts[1])
        .first()
    )
    if token is None or not hmac.compare_digest(token.secret_hash, digest(clear.strip())):
        raise TokenRefused(UNKNOWN)
    if token.revoked_at is not None:
        day = date_format(timezone.localtime(token.revoked_at), "j F Y")
        raise TokenRefused(
            f"Ce jeton a été révoqué le {day}. Demandez-en un nouveau à un administrateur de "
            "votre organisation."
        )
    creator = token.created_by
    active_member = (
        creator is not None
        and creator.is_active
        and token.organization.memberships.filter(user=creator, is_active=True).exists()
    )
    if not token.organization.is_active or not active_member:
        raise TokenRefused(
            "Ce jeton n'est plus valable : son organisation est désactivée ou la personne qui "
            "l'a créé n'en est plus membre. Demandez un nouveau jeton à un administrateur."
        )
    return token


def use(request, token):
    """The request acts for the token's organisation, in its creator's name (history, logs)."""
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > (
        USE_RESOLUTION_SECONDS
    ):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    request.user = token.created_by
    request.acting_organization = token.organization
    source = current_source()
    if source is not None:
        source.detail = f"{source.detail} (jeton {token.prefix}…)"[:300]
    return token


class OrganizationToken(HttpBearer):
    """ninja auth: `request.auth` is the ApiToken. A wrong, revoked or orphaned token is a 401
    saying why (never a fall back to the session: whoever sends a token means to use it)."""

    def authenticate(self, request, token):
        return use(request, token_for(token))


organization_token = OrganizationToken()
