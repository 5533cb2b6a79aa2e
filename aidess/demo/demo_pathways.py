"""The DLA de la Creuse's demo pathways (seeds/004's five steps), one at each step and one
completed: dated steps, the shared diagnosis (validated by the structure's leader from the plan
step on, waiting for it at the diagnosis step), prioritised areas of change, actions (by the
structure, by a local actor, by a consultant with budget and dates, and one collective action
shared by two structures), effects at follow-up. Written to the models directly."""

import datetime
from decimal import Decimal

from aidess.pathways.enums import ActionKind, ActionStatus, PathwayStatus, Step
from aidess.pathways.models import (
    AreaOfChange,
    CollectiveAction,
    Effect,
    Pathway,
    PathwayAction,
    PathwayStep,
    SharedDiagnosis,
)

STEPS = list(Step)
STEP_NOTES = {
    Step.WELCOME: "Rendez-vous d'accueil dans les locaux de la structure : présentation du DLA, "
    "de ses conditions et du déroulé de l'accompagnement.",
    Step.DIAGNOSIS: "Trois entretiens avec le bureau et la direction, lecture des comptes des "
    "trois derniers exercices et du plan de trésorerie.",
    Step.PLAN: "Axes de progrès hiérarchisés avec le bureau ; parcours partagé en conseil "
    "d'administration.",
    Step.COORDINATION: "Point mensuel avec la structure et le prestataire ; mise en relation "
    "avec les acteurs locaux.",
    Step.FOLLOW_UP: "Bilan à six mois avec le bureau : effets de l'accompagnement et nouveaux "
    "besoins.",
}
DIAGNOSIS = {
    "strengths": "Un projet reconnu sur le territoire, une équipe salariée stable, des bénévoles "
    "engagés au bureau.",
    "weaknesses": "Ressources concentrées sur deux financeurs publics, pas de fonds propres, "
    "trésorerie tendue chaque début d'année.",
    "conclusions": "Priorités : diversifier les ressources, bâtir un plan de trésorerie suivi "
    "chaque mois, consolider les emplois existants avant d'en créer.",
}
AREAS = [
    ("Diversifier les ressources", "Prestations, mécénat local, partenariats avec les communes."),
    ("Piloter la trésorerie", "Plan de trésorerie mensuel et tableau de bord du bureau."),
]
COLLECTIVE = {
    "title": "Action collective : diversifier ses ressources (structures de la Creuse)",
    "description": "Quatre demi-journées pour les structures de la Creuse accompagnées par le "
    "DLA : mécénat, prestations, financements participatifs.",
    "consultant": "Atelier Coopératif Conseil (démo)",
    "budget_eur": Decimal("4800.00"),
}


def day(today, days_ago):
    return today - datetime.timedelta(days=days_ago)


def step_rows(pathway, reached, started, today, completed):
    """Every step up to `reached`, spread from the start to today; the last one open unless
    the pathway is completed."""
    index = STEPS.index(reached)
    end = day(today, 40) if completed else today
    span = max((end - started).days, 1)
    rows = []
    for position, step in enumerate(STEPS[: index + 1]):
        begun = started + datetime.timedelta(days=span * position // (index + 1))
        ended = started + datetime.timedelta(days=span * (position + 1) // (index + 1))
        last = position == index and not completed
        rows.append(
            PathwayStep(
                pathway=pathway,
                step=step,
                started_on=begun,
                completed_on=None if last else ended,
                notes=STEP_NOTES[step],
            )
        )
    PathwayStep.objects.bulk_create(rows)


def actions(pathway, areas, reached, today, collective):
    """The plan's actions, further along the further the pathway is."""
    progress = STEPS.index(reached)
    done = ActionStatus.DONE if progress >= 4 else ActionStatus.IN_PROGRESS
    planned = ActionStatus.PLANNED if progress == 2 else done
    rows = [
        PathwayAction(
            pathway=pathway,
            area=areas[1],
            kind=ActionKind.BY_STRUCTURE,
            title="Plan de trésorerie mensuel présenté à chaque bureau",
            actor="Trésorier de la structure",
            starts_on=day(today, 20),
            status=done if progress >= 3 else ActionStatus.PLANNED,
        ),
        PathwayAction(
            pathway=pathway,
            area=areas[0],
            kind=ActionKind.CONSULTANT,
            title="Ingénierie DLA : nouveau modèle économique",
            actor="Cabinet Territoires Solidaires (démo)",
            budget_eur=Decimal("6500.00"),
            starts_on=day(today, 10 if progress == 2 else 60),
            ends_on=day(today, -80 if progress == 2 else 10),
            status=planned,
        ),
        PathwayAction(
            pathway=pathway,
            area=areas[0],
            kind=ActionKind.LOCAL_ACTOR,
            title="Rencontre avec France Active Nouvelle-Aquitaine (prêt relais solidaire)",
            actor="France Active Nouvelle-Aquitaine",
            starts_on=day(today, 30),
            status=planned,
        ),
    ]
    if collective is not None:
        rows.append(
            PathwayAction(
                pathway=pathway,
                area=areas[0],
                kind=ActionKind.COLLECTIVE,
                title=collective.title,
                actor=collective.consultant,
                starts_on=collective.starts_on,
                ends_on=collective.ends_on,
                status=done,
                collective=collective,
            )
        )
    PathwayAction.objects.bulk_create(rows)


def collective_action(organization, today):
    action, _ = CollectiveAction.objects.get_or_create(
        organization=organization,
        title=COLLECTIVE["title"],
        defaults={**COLLECTIVE, "starts_on": day(today, 120), "ends_on": day(today, 60)},
    )
    return action


def create_pathway(recipient, outcome, advisor, leader, started, today, collective=None):
    """A pathway of `recipient` (taken by `advisor`) at step `outcome`, or "completed"."""
    completed = outcome == "completed"
    reached = Step.FOLLOW_UP if completed else outcome
    pathway = Pathway.objects.create(
        structure=recipient.request.structure,
        organization=recipient.organization,
        recipient=recipient,
        advisor=advisor,
        status=PathwayStatus.COMPLETED if completed else PathwayStatus.ACTIVE,
        current_step=reached,
        started_on=started,
        planned_end_on=started + datetime.timedelta(days=365),
        ended_on=day(today, 40) if completed else None,
    )
    step_rows(pathway, reached, started, today, completed)
    progress = STEPS.index(reached)
    if progress >= 1:
        validated = progress >= 2
        SharedDiagnosis.objects.create(
            pathway=pathway,
            **DIAGNOSIS,
            submitted_at=recipient.taken_at + datetime.timedelta(days=14),
            validated_by=leader if validated else None,
            validated_at=recipient.taken_at + datetime.timedelta(days=18) if validated else None,
            structure_comment="Conclusions partagées par le bureau." if validated else "",
        )
    if progress >= 2:
        areas = AreaOfChange.objects.bulk_create(
            AreaOfChange(pathway=pathway, priority=n, title=title, description=text)
            for n, (title, text) in enumerate(AREAS, start=1)
        )
        actions(pathway, areas, reached, today, collective)
    if progress >= 4:
        Effect.objects.create(
            pathway=pathway,
            recorded_on=day(today, 41 if completed else 5),
            jobs_consolidated=Decimal("1.0" if completed else "2.0"),
            jobs_created=Decimal("0.5" if completed else "0.0"),
            new_needs=["cash"] if completed else ["investment"],
            notes="Poste consolidé ; ressources propres en hausse."
            if completed
            else "Deux emplois consolidés ; besoin d'investir dans du matériel.",
        )
    return pathway
