"""Providers with API tokens, and the header that carries one."""

from aidess.organizations.enums import Role, ScopeLevel
from aidess.organizations.tokens import create_token
from tests.factories import OrganizationMembershipFactory, UserFactory


def provider_token(
    *applications, scope=ScopeLevel.NATIONAL, name="Logiciel d'instruction", **territory
):
    """A new provider organisation of the applications' aids, its administrator (first name
    Camille), and a token this administrator created: (organization, administrator, clear token)."""
    admin = UserFactory(first_name="Camille", last_name="Instructrice")
    membership = OrganizationMembershipFactory(
        user=admin, role=Role.PROVIDER, scope=scope, is_admin=True, **territory
    )
    organization = membership.organization
    for application in applications:
        application.aid.providers.add(organization)
    _token, clear = create_token(organization, admin, name)
    return organization, admin, clear


def bearer(clear):
    return {"Authorization": f"Bearer {clear}"}
