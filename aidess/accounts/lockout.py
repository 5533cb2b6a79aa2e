"""How django-axes names the account a login attempt is for."""


def attempted_email(request, credentials=None):
    """The typed e-mail, trimmed and lower-cased, as login itself ignores case.

    Without this, failures on "Camille@X.fr" and "camille@x.fr" would be counted apart, and each
    variant of an address would get its own five tries.
    """
    credentials = credentials or {}
    typed = credentials.get("username") or request.POST.get("username") or ""
    return typed.strip().lower() or None
