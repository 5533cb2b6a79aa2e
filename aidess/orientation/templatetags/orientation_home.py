"""`{% orientation_home_section %}`: the dashboard's section for advisors (their requests per tab
of their home) and managers (a link to the figures of their network)."""

from django import template

from aidess.orientation.advisor_inbox import TABS, tab_counts
from aidess.orientation.permissions import is_advisor
from aidess.orientation.reach import home_recipients, may_see_stats

register = template.Library()


@register.inclusion_tag("orientation/advisor_home_section.html", takes_context=True)
def orientation_home_section(context):
    user = context["request"].user
    if not user.is_authenticated:
        return {"shown": False}
    tabs = []
    if is_advisor(user):
        counts = tab_counts(home_recipients(user))
        tabs = [(key, label, counts[key]) for key, label, *_rest in TABS]
    manager = may_see_stats(user)
    return {"shown": bool(tabs) or manager, "tabs": tabs, "manager": manager}
