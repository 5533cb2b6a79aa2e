"""django-dsfr's forms share one renderer per process (core/apps.py): its template engine, and
so its compiled field templates, are not built again for every form of every request."""

from django.http import QueryDict

from aidess.aids.search import AidSearchForm
from aidess.eligibility.forms import SimulationForm


def test_dsfr_forms_share_one_renderer_and_its_compiled_templates():
    first, second = AidSearchForm(QueryDict("q=emploi")), SimulationForm()
    assert first.renderer is second.renderer
    name = "dsfr/form_field_snippets/input_snippet.html"
    compiled = first.renderer.get_template(name).template
    assert second.renderer.get_template(name).template is compiled
