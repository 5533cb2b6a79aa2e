"""An application with the people around it: two active members and a former one of the
structure, the instructor (administrator of the provider), and webhooks of that provider."""

from aidess.organizations.models import OrganizationMembership
from tests.factories import ApplicationFactory, StructureMembershipFactory, instructor


def application_with_people(**kwargs):
    application = ApplicationFactory(**kwargs)
    chair = StructureMembershipFactory(structure=application.structure, is_admin=True).user
    treasurer = StructureMembershipFactory(structure=application.structure).user
    StructureMembershipFactory(structure=application.structure, is_active=False)
    agent = instructor(application)
    OrganizationMembership.objects.filter(user=agent).update(is_admin=True)
    return application, chair, treasurer, agent


def provider_of(application):
    return application.aid.providers.get()
