"""Working days in France (pure: no Django): relaunches count the days an advisor could have
answered, so weekends and public holidays do not count.

The public holidays are those of the Labour Code (art. L3133-1): eight fixed dates and three
that follow Easter (Easter Monday +1 day, Ascension Thursday +39, Whit Monday +50). Easter
Sunday comes from `dateutil.easter` (Gregorian computus), already installed with
django-auditlog. Alsace-Moselle's two extra days (Good Friday, 26 December) are not counted: a
request is relaunched at most one day later there.
"""

from datetime import date, timedelta
from functools import cache

from dateutil.easter import easter

FIXED_HOLIDAYS = (
    (1, 1),  # Jour de l'an
    (5, 1),  # Fête du travail
    (5, 8),  # Victoire 1945
    (7, 14),  # Fête nationale
    (8, 15),  # Assomption
    (11, 1),  # Toussaint
    (11, 11),  # Armistice 1918
    (12, 25),  # Noël
)
AFTER_EASTER = (1, 39, 50)  # Easter Monday, Ascension, Whit Monday


@cache
def public_holidays(year):
    """The French public holidays of `year`."""
    sunday = easter(year)
    return frozenset(
        [date(year, month, day) for month, day in FIXED_HOLIDAYS]
        + [sunday + timedelta(days=days) for days in AFTER_EASTER]
    )


def is_working_day(day):
    return day.weekday() < 5 and day not in public_holidays(day.year)


def working_days_between(start, end):
    """The working days strictly between `start` and `end`: the whole days that went by. A
    request sent on a Monday has had 3 working days on Friday (Tuesday, Wednesday,
    Thursday), as a job run early on Friday has seen nothing of Friday yet."""
    count, day = 0, start + timedelta(days=1)
    while day < end:
        count += is_working_day(day)
        day += timedelta(days=1)
    return count


def day_after_working_days(start, count):
    """The first day on which `count` working days have gone by since `start`."""
    day, seen = start, 0
    while seen < count:
        day += timedelta(days=1)
        seen += is_working_day(day)
    return day + timedelta(days=1)
