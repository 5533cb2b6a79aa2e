"""Group INSEE legal categories into the families eligibility rules use. Pure Python."""

COOPERATIVE_WORDS = ("coopérative", "(scop)")
MUTUAL_WORDS = ("mutuel", "mutualiste")


def legal_form_for_category(code, label):
    """Return a LegalForm value for an INSEE level-III category.

    The INSEE tree puts associations under 92, foundations under 93 and commercial companies under
    5 and public bodies under 7; cooperatives and mutuals are spread over several branches, so their
    label decides.
    """
    lowered = label.lower()
    if code.startswith("7"):
        return "other"
    if code.startswith("92"):
        return "association"
    if code.startswith("93"):
        return "foundation"
    if any(word in lowered for word in MUTUAL_WORDS):
        return "mutual"
    if any(word in lowered for word in COOPERATIVE_WORDS):
        return "cooperative"
    if code.startswith("5"):
        return "commercial_company"
    return "other"
