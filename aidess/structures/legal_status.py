"""Which INSEE legal categories can never be an ESS structure (law of 31 July 2014, art. 1: the
ESS is made of private-law legal persons). Pure Python.

Refused: public-law bodies (7xxx: State, local authorities, public administrative bodies; 4xxx:
public industrial and commercial bodies and local authorities' boards; 3110, 3205, 3210:
foreign States' and international public bodies), and what has no legal personality (00
investment funds, 10 sole traders, 2xxx joint ownerships, de facto companies, trusts…).
A SIREN starting with 1 or 2 is one INSEE gives to a public body.
"""

PUBLIC_BODY = (
    "Cette catégorie juridique est celle d'une personne morale de droit public ({label}) : "
    "elle ne peut pas être une structure de l'ESS. AidESS s'adresse aux associations, "
    "coopératives, mutuelles, fondations et sociétés de l'ESS."
)
NO_LEGAL_PERSON = (
    "Cette catégorie juridique ({label}) n'est pas celle d'une personne morale de droit privé : "
    "elle ne peut pas être une structure de l'ESS. AidESS s'adresse aux associations, "
    "coopératives, mutuelles, fondations et sociétés de l'ESS."
)
PUBLIC_SIREN = (
    "Ce SIRET est celui d'un organisme public (son SIREN commence par {digit}) : il ne peut pas "
    "être une structure de l'ESS. AidESS s'adresse aux associations, coopératives, mutuelles, "
    "fondations et sociétés de l'ESS."
)
FOREIGN_PUBLIC = {"3110", "3205", "3210"}


def category_refusal(code, label=""):
    """The French reason why a structure of INSEE category `code` cannot be on AidESS, or ""."""
    code = (code or "").strip()
    label = label or f"catégorie {code}"
    if not code:
        return ""
    if code[0] in "47" or code in FOREIGN_PUBLIC:
        return PUBLIC_BODY.format(label=label)
    if code[0] in "012":
        return NO_LEGAL_PERSON.format(label=label)
    return ""


def siren_refusal(siret):
    """The reason a SIRET cannot be an ESS structure from its number alone, or ""."""
    if siret and siret[0] in "12":
        return PUBLIC_SIREN.format(digit=siret[0])
    return ""
