"""Read a self-diagnosis: severity with its reasons, needs, and the situations it declares.

Pure Python (no Django): answers are a plain dict (see diagnosis/steps.py for the questions).
"""

from dataclasses import dataclass
from decimal import Decimal

SEVERITY_LABELS = {
    "low": "Situation maîtrisée",
    "moderate": "Situation à surveiller",
    "high": "Situation difficile",
    "critical": "Situation critique",
}
SEVERITY_ORDER = ["low", "moderate", "high", "critical"]
NEED_LABELS = {
    "cash": "Trésorerie : passer les prochains mois",
    "funding": "Financement : remplacer les ressources perdues",
    "strategy": "Stratégie : revoir le modèle économique",
    "hr": "Ressources humaines : préserver les emplois",
    "governance": "Gouvernance et bénévolat : remobiliser",
    "mediation": "Médiation : régler un différend ou un retard de paiement",
}


@dataclass(frozen=True)
class Assessment:
    severity: str
    reasons: tuple  # (severity, French sentence)
    needs: tuple
    situations: frozenset
    summary: str

    @property
    def severity_label(self):
        return SEVERITY_LABELS[self.severity]


def amount(answers, key):
    value = answers.get(key)
    return Decimal(str(value)) if value not in (None, "") else Decimal(0)


def euros(value):
    return f"{value:,.0f}".replace(",", "\u202f") + " €"


def assess(answers):
    reasons, needs, situations = [], [], set()

    def flag(severity, sentence):
        reasons.append((severity, sentence))

    activity = answers.get("activity_status")
    if activity == "stopped":
        situations.add("activity_stopped")
        needs += ["strategy", "cash"]
        flag("high", "Votre activité est arrêtée.")
    elif activity == "reduced":
        situations.add("activity_reduced")
        needs.append("strategy")
        flag("moderate", "Votre activité est réduite.")

    lost = amount(answers, "resources_lost_eur")
    if lost > 0:
        situations.add("revenue_loss")
        needs.append("funding")
        flag("moderate", f"Vous avez perdu {euros(lost)} de ressources.")
    if answers.get("funding_cut"):
        situations.add("public_funding_cut")
        needs.append("funding")
        cut = amount(answers, "funding_cut_eur")
        funder = answers.get("funding_cut_funder") or "Un financeur public"
        flag(
            "high",
            f"{funder} a annoncé une baisse de financement"
            + (f" de {euros(cut)}." if cut else "."),
        )
    late = amount(answers, "late_payments_eur")
    days = int(answers.get("late_payments_days") or 0)
    if late > 0:
        situations.add("late_payments")
        needs.append("cash")
        if days > 60:
            needs.append("mediation")
        flag("high" if days > 90 else "moderate",
             f"Un financeur public vous doit {euros(late)}" + (f" depuis {days} jours." if days else "."))  # fmt: skip
    if answers.get("dispute"):
        situations.add("dispute")
        needs.append("mediation")
        flag("moderate", "Un différend vous oppose à un client ou à un financeur.")

    months = answers.get("months_covered")
    if months not in (None, ""):
        months = Decimal(str(months))
        if months < 1:
            situations.add("cash_shortfall")
            needs.append("cash")
            flag("critical", "Votre trésorerie couvre moins d'un mois de dépenses.")
        elif months < 3:
            situations.add("cash_shortfall")
            needs.append("cash")
            flag("high", f"Votre trésorerie ne couvre que {months.normalize():f} mois de dépenses.")

    if answers.get("layoffs_considered"):
        needs.append("hr")
        flag("high", "Des licenciements sont envisagés.")
    elif answers.get("partial_activity"):
        needs.append("hr")
        flag("moderate", "Une partie de l'équipe est en activité partielle.")
    if answers.get("volunteers_lost"):
        situations.add("volunteer_demobilisation")
        needs.append("governance")
        flag("moderate", "Des bénévoles se sont démobilisés.")
    if answers.get("board_mobilised") is False:
        needs.append("governance")
        flag("moderate", "Le bureau ou le conseil d'administration n'est pas mobilisé.")

    severity = max((s for s, _ in reasons), key=SEVERITY_ORDER.index, default="low")
    if not reasons:
        reasons.append(("low", "Aucune difficulté particulière n'est déclarée."))
    unique_needs = tuple(dict.fromkeys(needs))
    return Assessment(severity, tuple(reasons), unique_needs, frozenset(situations),
                      summary(severity, reasons, unique_needs))  # fmt: skip


def summary(severity, reasons, needs):
    text = f"{SEVERITY_LABELS[severity]}. " + " ".join(sentence for _, sentence in reasons)
    if needs:
        text += (
            " Besoins repérés : "
            + ", ".join(NEED_LABELS[n].split(" :")[0].lower() for n in needs)
            + "."
        )
    return text
