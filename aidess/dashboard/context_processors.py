from aidess.organizations.permissions import roles_of


def site(request):
    """Navigation needs the user's roles on every page; computed lazily, once per request."""
    cache = {}

    def user_roles():
        if "roles" not in cache:
            cache["roles"] = roles_of(request.user) if hasattr(request, "user") else set()
        return cache["roles"]

    return {"SITE_NAME": "AidESS", "user_roles": user_roles}
