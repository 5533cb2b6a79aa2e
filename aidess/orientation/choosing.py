"""The order in which fitting offers are contacted and which of them a request goes to by
default (pure: imports nothing of Django; `nearness` is `enums.NEARNESS` of the offer's zone)."""

from dataclasses import dataclass

DEFAULT_RECIPIENTS = 2
MAX_RECIPIENTS = 3


@dataclass(frozen=True)
class Fit:
    """One offer fitting a request: where it applies and which of the asked needs it answers."""

    key: object  # the offer (or anything the caller recognises)
    organization_key: object
    organization_name: str
    nearness: int  # 0 for a commune … 4 for national
    answered: frozenset


def in_contact_order(fits):
    """Nearest zone first, then the offers answering more of the asked needs, then by name."""
    return sorted(
        fits,
        key=lambda fit: (
            fit.nearness,
            -len(fit.answered),
            fit.organization_name.casefold(),
        ),
    )


def selected_keys(ordered):
    """The first two offers of distinct organisations, and a third when it answers an asked
    need the first two leave unanswered; never two offers of the same organisation."""
    chosen, organizations = [], set()
    for fit in ordered:
        if fit.organization_key in organizations:
            continue
        if len(chosen) < DEFAULT_RECIPIENTS:
            chosen.append(fit)
            organizations.add(fit.organization_key)
            continue
        covered = frozenset().union(*(kept.answered for kept in chosen))
        if fit.answered - covered:
            chosen.append(fit)
            break
    return [fit.key for fit in chosen[:MAX_RECIPIENTS]]
