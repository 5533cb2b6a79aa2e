"""The seed-quotation check itself: it catches a misquotation, and only skips outside CI."""

import pytest

from tests.shared_data import SeedDocuments, open_seed_documents, quotations

DOCUMENT = "Le DLA s'adresse aux structures employeuses de l’ESS.\nIl dure entre 2 mois et 2 ans."


@pytest.fixture
def documents(tmp_path):
    (tmp_path / "004_67f79366cd653dad.txt").write_text(DOCUMENT, "utf-8")
    (tmp_path / "003_c6f414290f85af20.txt").write_text("Un réseau de 103 DLA.", "utf-8")
    return SeedDocuments(tmp_path)


def test_each_quotation_is_read_against_the_document_cited_last_before_it():
    provenance = (
        "seeds/004 : « s'adresse […] employeuses » ; seeds/003_c6f414290f85af20.txt : « 103 DLA »."
    )
    assert quotations(provenance) == [
        ("004", "s'adresse"),
        ("004", "employeuses"),
        ("003", "103 DLA"),
    ]


def test_word_for_word_quotations_pass_across_lines_and_apostrophes(documents):
    assert documents.misquoted("seeds/004 : « structures employeuses de l'ESS. Il dure »") == []


def test_an_altered_or_misattributed_quotation_is_reported(documents):
    assert documents.misquoted("seeds/004 : « entre 3 mois et 2 ans »") == [
        ("004", "entre 3 mois et 2 ans")
    ]
    assert documents.misquoted("seeds/003 : « employeuses »") == [("003", "employeuses")]
    assert documents.misquoted("« employeuses », sans source") == [(None, "employeuses")]


def test_missing_documents_skip_outside_ci_and_fail_in_ci(tmp_path):
    absent = tmp_path / "seeds"
    with pytest.raises(pytest.skip.Exception):
        open_seed_documents(absent, environ={})
    with pytest.raises(pytest.fail.Exception, match="documents sources sont requis"):
        open_seed_documents(absent, environ={"CI": "true"})
