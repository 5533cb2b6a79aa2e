"""`{% load french %}`: the filters of aidess.core.formats for templates."""

from django import template

from aidess.core import formats

register = template.Library()
register.filter("amount", formats.amount)
register.filter("euros", formats.euros)
register.filter("month_name", formats.month_name)
