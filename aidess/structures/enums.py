from django.db import models

from aidess.nomenclatures.vocabulary import SECTORS, SITUATIONS, text_choices_members

# Main field of activity, and the difficulties a structure can be in (aids may require one).
Sector = models.TextChoices("Sector", text_choices_members(SECTORS))
Situation = models.TextChoices("Situation", text_choices_members(SITUATIONS))
