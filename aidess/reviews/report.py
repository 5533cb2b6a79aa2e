"""A review with what the page and the files add to the figures: the outcomes 6 and 12 months
later and the published testimonies."""

from dataclasses import dataclass

from aidess.reviews.outcomes import outcomes
from aidess.reviews.review import Review, review
from aidess.reviews.testimonies import published_for


@dataclass(frozen=True)
class Report:
    review: Review
    outcomes: list
    testimonies: list


def report(aid=None, plan=None, start=None, end=None, today=None):
    result = review(aid=aid, plan=plan, start=start, end=end)
    return Report(result, outcomes(result.helped, today), published_for(result))
