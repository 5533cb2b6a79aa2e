"""Territorial scope: which part of France a user may see in a given role."""

from dataclasses import dataclass, field

from django.db.models import Q


@dataclass(frozen=True)
class TerritorialScope:
    national: bool = False
    region_codes: frozenset = field(default_factory=frozenset)
    department_codes: frozenset = field(default_factory=frozenset)

    def __or__(self, other):
        return TerritorialScope(
            national=self.national or other.national,
            region_codes=self.region_codes | other.region_codes,
            department_codes=self.department_codes | other.department_codes,
        )

    @property
    def is_empty(self):
        return not (self.national or self.region_codes or self.department_codes)

    def covers(self, region_code, department_code):
        """Whether a place (its region and department codes) lies inside this scope."""
        return (
            self.national
            or (region_code is not None and region_code in self.region_codes)
            or (department_code is not None and department_code in self.department_codes)
        )

    def as_q(self, region_field="region", department_field="department"):
        """The same test as `covers`, as a filter on a queryset's region and department fields."""
        if self.national:
            return Q()
        if self.is_empty:
            return Q(pk__in=[])
        return Q(**{f"{region_field}__in": self.region_codes}) | Q(
            **{f"{department_field}__in": self.department_codes}
        )


NO_SCOPE = TerritorialScope()
