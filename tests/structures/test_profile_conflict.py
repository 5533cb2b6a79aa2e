"""Two members save their structure's profile from two open pages: the second save is refused
with what the first changed, and keeps what the second typed."""

import pytest
from django.test import Client
from django.urls import reverse

from aidess.structures.models import Structure
from tests.factories import StructureFactory, UserFactory
from tests.html import Page

pytestmark = pytest.mark.django_db


def signed_in(user):
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def profile_form(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return Page(response.content.decode()).form_with(form_id="structure-form")


def test_second_member_save_is_refused_and_keeps_what_was_typed():
    first, second = UserFactory(first_name="Léa", last_name="Martin"), UserFactory()
    structure = StructureFactory(name="Théâtre du Nord", members=[first, second])
    url = reverse("structures:update", args=[structure.pk])
    alice, bob = signed_in(first), signed_in(second)
    alice_data = profile_form(alice, url).values()
    bob_data = profile_form(bob, url).values()

    assert alice.post(url, {**alice_data, "name": "Théâtre du Nord rénové", "action": "save"}).status_code == 302  # fmt: skip
    response = bob.post(url, {**bob_data, "employees_fte": "4", "action": "save"})

    assert response.status_code == 409
    page = Page(response.content.decode())
    alert = page.text("version-conflict")
    assert "La fiche de cette structure a été modifiée par Léa Martin le " in alert
    assert "Nom : Théâtre du Nord rénové" in alert
    form = page.form_with(form_id="structure-form")
    assert form.value("employees_fte") == "4", "what Bob typed is kept"
    assert form.value("version") == "2"
    stored = Structure.objects.get(pk=structure.pk)
    assert (stored.name, stored.employees_fte, stored.version) == ("Théâtre du Nord rénové", None, 2)  # fmt: skip


def test_an_admin_change_page_read_before_a_member_save_is_refused():
    member = UserFactory(first_name="Léa", last_name="Martin")
    structure = StructureFactory(name="Théâtre du Nord", members=[member])
    admin = signed_in(UserFactory(admin=True))
    admin_url = f"/admin/structures/structure/{structure.pk}/change/"
    page = Page(admin.get(admin_url).content.decode())
    data = page.form_with(form_id="structure_form").data()

    url = reverse("structures:update", args=[structure.pk])
    member_data = profile_form(signed_in(member), url).values()
    saved = {**member_data, "name": "Théâtre du Nord rénové", "action": "save"}
    assert signed_in(member).post(url, saved).status_code == 302

    response = admin.post(admin_url, {**data, "name": "Nom de l'administrateur"})

    assert response.status_code == 200
    text = Page(response.content.decode()).all_text
    assert "La fiche de cette structure a été modifiée par Léa Martin le " in text
    assert Structure.objects.get(pk=structure.pk).name == "Théâtre du Nord rénové"
    # Reloaded, the admin's page saves, and records who saved.
    data = Page(admin.get(admin_url).content.decode()).form_with(form_id="structure_form").data()
    assert admin.post(admin_url, {**data, "sector": "culture"}).status_code == 302
    assert Structure.objects.get(pk=structure.pk).updated_by.is_staff
