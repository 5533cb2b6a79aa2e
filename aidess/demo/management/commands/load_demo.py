import random
import time
from itertools import accumulate

from auditlog.context import disable_auditlog
from django.core.management.base import CommandError
from django.db import transaction

from aidess.accounts.models import User
from aidess.demo.accounts import (
    DEMO_PASSWORD,
    DEMO_STRUCTURE_SIRET,
    create_demo_accounts,
    create_structure_logins,
)
from aidess.demo.aids import create_demo_aids
from aidess.demo.application_file import create_demo_application_file
from aidess.demo.applications import create_demo_applications, delete_generated_applications
from aidess.demo.emergency_plan_texts import NATIONAL
from aidess.demo.emergency_plans import create_demo_plans, delete_demo_plans
from aidess.demo.generation import LEGAL_CATEGORY_WEIGHTS, structure_values
from aidess.demo.members import create_demo_members
from aidess.demo.open_data import import_antibes_subsidies
from aidess.demo.stories import named_structures
from aidess.demo.support_network import create_support_network
from aidess.demo.support_requests import create_demo_requests, delete_generated_requests
from aidess.demo.testimonies import create_demo_testimonies
from aidess.demo.watch_cells import HAUTS_DE_FRANCE_CELL, HAUTS_DE_FRANCE_EMAIL, create_demo_watch
from aidess.history.commands import RecordedCommand
from aidess.nomenclatures.models import LegalCategory
from aidess.structures.models import Structure
from aidess.territories.models import Commune

MAX_STRUCTURES = 1_000_000
BATCH_SIZE = 5000


class Command(RecordedCommand):
    help = (
        "Crée les comptes de démonstration (un par rôle) et des structures réalistes réparties sur "
        "les communes selon leur population. Sans --reset, ne recrée pas les structures existantes."
    )

    def add_arguments(self, parser):
        parser.add_argument("--structures", type=int, default=2000, help="nombre (max 1 000 000)")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--reset", action="store_true", help="supprime d'abord les structures de démonstration"
        )

    def handle(self, *args, structures, seed, reset, **options):
        if not 0 <= structures <= MAX_STRUCTURES:
            raise CommandError(f"--structures doit être compris entre 0 et {MAX_STRUCTURES}.")
        if not Commune.objects.exists():
            raise CommandError("Chargez d'abord les données de référence : load_reference_data.")
        accounts = create_demo_accounts() + create_demo_members()
        aids = create_demo_aids("financeur@demo.aidess.fr", "admin@demo.aidess.fr")
        if aids:
            self.stdout.write(f"{aids} aides de démonstration créées (soumise, refusée, publiée).")
        if create_demo_application_file(
            Structure.objects.get(siret=DEMO_STRUCTURE_SIRET),
            User.objects.get(email="structure@demo.aidess.fr"),
        ):
            self.stdout.write("Dossier de demande de démonstration créé (en partie rempli).")
        if reset:
            # Generated structures are bulk-created without history (up to a million rows):
            # their deletion writes none either, instead of an entry each.
            with disable_auditlog():
                delete_demo_plans()  # their lines would go with the structures, not their logs
                delete_generated_applications()  # their payments protect them
                delete_generated_requests()
                deleted, _ = Structure.objects.filter(is_demo=True).delete()
            self.stdout.write(f"{deleted} objets de démonstration supprimés.")
        existing = Structure.objects.filter(is_demo=True).count()
        if existing:
            self.stdout.write(
                f"{existing} structures de démonstration déjà présentes : conservées."
            )
        else:
            started = time.perf_counter()
            self.create_structures(structures, random.Random(seed))
            elapsed = time.perf_counter() - started
            self.stdout.write(
                f"{structures} structures de démonstration créées en {elapsed:.1f} s."
            )
        self.report_applications(*create_demo_applications(seed))
        self.support(accounts)
        alerts = create_demo_watch(seed)
        if alerts:
            self.stdout.write(f"Veille : {alerts} signalements de démonstration créés.")
        for name, targeted in create_demo_plans(seed).items():
            self.stdout.write(f"Plan d'urgence « {name} » activé : {targeted} structures ciblées.")
        if decisions := import_antibes_subsidies():
            self.stdout.write(
                f"Données ouvertes : {decisions} subventions de la Ville d'Antibes importées "
                "(exemple SCDL)."
            )
        if create_demo_testimonies(NATIONAL.name):
            self.stdout.write("Témoignages publiés pour le bilan du plan culture.")
        accounts.append((HAUTS_DE_FRANCE_EMAIL, "agent de veille — " + HAUTS_DE_FRANCE_CELL))
        self.stdout.write(f"Comptes de démonstration (mot de passe « {DEMO_PASSWORD} ») :")
        for email, role in accounts:
            self.stdout.write(f"  {email} — {role}")

    def support(self, accounts):
        """The support network, its requests for help and the DLA pathways (issue 14)."""
        organizations, offers = create_support_network()
        if organizations or offers:
            self.stdout.write(
                f"Réseau d'accompagnement : {organizations} organisations, {offers} offres créées."
            )
        people = named_structures()
        accounts += create_structure_logins({key: pair[0] for key, pair in people.items()})
        written, generated = create_demo_requests(people)
        if written or generated:
            self.stdout.write(
                f"Demandes d'accompagnement de démonstration : {written} écrites à la main, "
                f"{generated} générées."
            )

    def report_applications(self, written, generated):
        if written or generated:
            self.stdout.write(
                f"Demandes d'aide de démonstration : {written} écrites à la main, "
                f"{generated} générées."
            )

    def create_structures(self, count, rng):
        communes = list(
            Commune.objects.selectable()
            .filter(kind=Commune.Kind.COMMUNE, population__gt=0, department__isnull=False)
            .only("code", "name", "department_id", "region_id", "population")
        )
        cumulative = list(accumulate(commune.population for commune in communes))
        categories = LegalCategory.objects.in_bulk(list(LEGAL_CATEGORY_WEIGHTS))
        category_list = [categories[code] for code in LEGAL_CATEGORY_WEIGHTS]
        for start in range(0, count, BATCH_SIZE):
            size = min(BATCH_SIZE, count - start)
            places = rng.choices(communes, cum_weights=cumulative, k=size)
            kinds = rng.choices(
                category_list, weights=list(LEGAL_CATEGORY_WEIGHTS.values()), k=size
            )
            batch = [
                Structure(is_demo=True, **structure_values(start + offset, rng, commune, category))
                for offset, (commune, category) in enumerate(zip(places, kinds, strict=True))
            ]
            with transaction.atomic():
                Structure.objects.bulk_create(batch, batch_size=BATCH_SIZE)
