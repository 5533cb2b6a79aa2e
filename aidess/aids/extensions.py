"""Forms that apps built on the catalog add to the aid's edit page, without the catalog importing
them (imports go one way): eligibility adds the aid's criteria. An app attaches its form from its
`AppConfig.ready()`; the page validates it with the aid's form and saves both in one transaction.
"""

ATTACHED_FORMS = {}


def attach_aid_form(name, build):
    """`build(data, aid)` gives a form whose `save_for(aid)` stores it; templates see it as `name`."""
    ATTACHED_FORMS[name] = build


def attached_aid_forms(data, aid):
    return {name: build(data, aid) for name, build in ATTACHED_FORMS.items()}
