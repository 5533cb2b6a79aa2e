"""People and join requests of a structure (issue 13, « Who acts for a structure »)."""

import factory
from factory.django import DjangoModelFactory

from aidess.structures.models import JoinRequest
from tests.factories import StructureFactory, UserFactory


def person(first_name, last_name, **extra):
    return UserFactory(first_name=first_name, last_name=last_name, **extra)


class JoinRequestFactory(DjangoModelFactory):
    class Meta:
        model = JoinRequest

    structure = factory.SubFactory(StructureFactory)
    user = factory.SubFactory(UserFactory)
    message = "Je suis la trésorière de l'association."
