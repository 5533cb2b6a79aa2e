"""The chart-of-accounts lines of the CERFA 12156 budget (French association subsidy form), and
the totals of a budget: pure Python (no Django), so the rules are tested on their own.

Charges are accounts 60 to 68, products 70 to 78 (74, operating subsidies, one line per funder),
voluntary contributions in kind 86 (their use, on the charges side) and 87 (their source, on the
products side). The form's balance is charges + 86 = products + 87; 86 and 87 are equal on their
own (a volunteer's hour given is an hour used), so the forecast is balanced when charges = products.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

CHARGES, PRODUCTS = "charges", "produits"
CONTRIBUTIONS_USED, CONTRIBUTIONS_GIVEN = "emplois_contributions", "contributions"
SUBSIDIES = "74"

ACCOUNTS = {
    "60": "Achats",
    "61": "Services extérieurs",
    "62": "Autres services extérieurs",
    "63": "Impôts et taxes",
    "64": "Charges de personnel",
    "65": "Autres charges de gestion courante",
    "66": "Charges financières",
    "67": "Charges exceptionnelles",
    "68": "Dotations aux amortissements et provisions",
    "70": "Ventes de produits finis, prestations de services, marchandises",
    "73": "Dotations et produits de tarification",
    SUBSIDIES: "Subventions d'exploitation",
    "75": "Autres produits de gestion courante (cotisations, dons…)",
    "76": "Produits financiers",
    "77": "Produits exceptionnels",
    "78": "Reprises sur amortissements et provisions",
    "86": "Emplois des contributions volontaires en nature",
    "87": "Contributions volontaires en nature (bénévolat, dons en nature…)",
}


def section_of(account):
    """The budget side of an account code ("60" to "68", "70" to "78", "86", "87")."""
    if account in ("86", "87"):
        return CONTRIBUTIONS_USED if account == "86" else CONTRIBUTIONS_GIVEN
    if account in ACCOUNTS:
        return CHARGES if account.startswith("6") else PRODUCTS
    raise ValueError(f"unknown account {account!r}")


@dataclass
class Totals:
    """One budget's sums. `subsidies` maps each funder named on a line 74 to its total."""

    charges: Decimal = Decimal(0)
    products: Decimal = Decimal(0)
    contributions_used: Decimal = Decimal(0)
    contributions_given: Decimal = Decimal(0)
    by_account: dict = field(default_factory=dict)
    subsidies: dict = field(default_factory=dict)

    @property
    def result(self):
        """Products minus charges: positive is a surplus, negative a deficit."""
        return self.products - self.charges

    @property
    def is_balanced(self):
        return self.charges == self.products and (
            self.contributions_used == self.contributions_given
        )

    @property
    def is_empty(self):
        return not self.by_account


def totals(lines):
    """Totals of `lines`, pairs or triples (account, amount[, funder or label])."""
    sums = defaultdict(Decimal)
    by_account = defaultdict(Decimal)
    subsidies = defaultdict(Decimal)
    for account, amount, *label in lines:
        amount = Decimal(amount)
        sums[section_of(account)] += amount
        by_account[account] += amount
        if account == SUBSIDIES:
            funder = (label[0] if label else "").strip() or "Financeur non précisé"
            subsidies[funder] += amount
    return Totals(
        charges=sums[CHARGES],
        products=sums[PRODUCTS],
        contributions_used=sums[CONTRIBUTIONS_USED],
        contributions_given=sums[CONTRIBUTIONS_GIVEN],
        by_account=dict(sorted(by_account.items())),
        subsidies=dict(subsidies),
    )
