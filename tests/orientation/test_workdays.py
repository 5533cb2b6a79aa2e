"""Working days skip weekends and French public holidays, Easter's included."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from aidess.orientation.workdays import (
    day_after_working_days,
    is_working_day,
    public_holidays,
    working_days_between,
)


def test_the_public_holidays_of_2026_and_2027():
    assert public_holidays(2026) == {
        date(2026, 1, 1),
        date(2026, 4, 6),  # Easter Monday (Easter: 5 April)
        date(2026, 5, 1),
        date(2026, 5, 8),
        date(2026, 5, 14),  # Ascension
        date(2026, 5, 25),  # Whit Monday
        date(2026, 7, 14),
        date(2026, 8, 15),
        date(2026, 11, 1),
        date(2026, 11, 11),
        date(2026, 12, 25),
    }
    assert {day for day in public_holidays(2027) if day.month in (3, 4, 5)} == {
        date(2027, 3, 29),  # Easter Monday (Easter: 28 March)
        date(2027, 5, 1),
        date(2027, 5, 6),  # Ascension
        date(2027, 5, 8),
        date(2027, 5, 17),  # Whit Monday
    }


def test_weekends_and_holidays_are_not_working_days():
    assert is_working_day(date(2026, 12, 1))  # a Tuesday
    assert not is_working_day(date(2026, 12, 5))  # a Saturday
    assert not is_working_day(date(2026, 11, 11))  # Armistice, a Wednesday
    assert not is_working_day(date(2027, 3, 29))  # Easter Monday


def test_a_request_sent_on_monday_has_had_three_working_days_on_friday():
    monday = date(2026, 11, 30)
    assert working_days_between(monday, date(2026, 12, 3)) == 2
    assert working_days_between(monday, date(2026, 12, 4)) == 3
    assert working_days_between(monday, date(2026, 12, 7)) == 4  # the weekend adds nothing
    assert day_after_working_days(monday, 3) == date(2026, 12, 4)
    assert day_after_working_days(monday, 9) == date(2026, 12, 12)


def test_holidays_push_the_days_back():
    # Tuesday before Ascension 2026: Wed 13, (Thu 14 off), Fri 15, Mon 18.
    assert day_after_working_days(date(2026, 5, 12), 3) == date(2026, 5, 19)
    # Before Christmas 2026: Thu 24, (Fri 25 off), Mon 28, Tue 29.
    assert day_after_working_days(date(2026, 12, 23), 3) == date(2026, 12, 30)
    # Friday before Easter 2027: (Mon 29 March off), Tue 30, Wed 31, Thu 1 April.
    assert day_after_working_days(date(2027, 3, 26), 3) == date(2027, 4, 2)
    # From Friday 18 December 2026 to Tuesday 19 January 2027: 21 weekdays, 25 Dec and 1 Jan off.
    assert working_days_between(date(2026, 12, 18), date(2027, 1, 19)) == 19


@given(st.dates(date(2025, 1, 1), date(2030, 12, 31)), st.integers(0, 40))
def test_the_day_after_n_working_days_is_the_first_with_n_behind_it(start, count):
    day = day_after_working_days(start, count)
    assert working_days_between(start, day) == count
    assert (
        day == start + timedelta(days=1) or working_days_between(start, day - timedelta(1)) < count
    )
