"""The applicant's forms: the project and the aid's questions, messages, correction answers."""

from django import forms
from dsfr.forms import DsfrBaseForm

from aidess.applications.models import Application
from aidess.applications.uploads import ACCEPTED, MAX_DOCUMENT_BYTES, check_upload
from aidess.core.dates import bound_date_fields
from aidess.core.fields import EuroField
from aidess.core.limits import megabytes

AMOUNT_ERRORS = {
    "invalid": "Saisissez un montant en euros, par exemple 12 500.",
    "min_value": "Le montant ne peut pas être négatif.",
    "max_digits": "Le montant est trop élevé.",
    "max_decimal_places": "Indiquez au plus deux chiffres après la virgule.",
}


def euro_field(label, help_text=""):
    return EuroField(
        label=label,
        help_text=help_text,
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        error_messages=AMOUNT_ERRORS,
    )


class ProjectForm(DsfrBaseForm, forms.ModelForm):
    """A draft saves as it goes: nothing is required here, `submission.missing_parts` says what
    is still missing before submitting. The aid's questions are fields `question_<id>`."""

    # Shown as required (no « (Optionnel) »), checked only at submission (`full_clean`).
    NEEDED = ("project_title", "project_objectives", "amount_requested_eur", "project_budget_eur")
    use_required_attribute = False

    amount_requested_eur = euro_field("Montant demandé (€)", "Par exemple 12 500.")
    project_budget_eur = euro_field("Budget total du projet (€)", "Toutes dépenses du projet.")

    class Meta:
        model = Application
        fields = [
            "project_title",
            "project_objectives",
            "amount_requested_eur",
            "project_budget_eur",
            "project_start",
            "project_end",
        ]
        widgets = {
            "project_objectives": forms.Textarea(attrs={"rows": 5}),
            "project_start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "project_end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        error_messages = {
            "project_start": {"invalid": "Saisissez une date valide, par exemple 01/03/2027."},
            "project_end": {"invalid": "Saisissez une date valide, par exemple 31/12/2027."},
        }

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        bound_date_fields(self)
        for name in self.NEEDED:
            self.fields[name].required = True
        self.questions = list(questions)
        for question in self.questions:
            self.fields[self.question_name(question)] = forms.CharField(
                label=question.label,
                help_text=question.help_text,
                required=question.required,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=self.instance.answers.get(str(question.pk), ""),
                error_messages={"max_length": "Votre réponse dépasse 5 000 caractères."},
            )

    @staticmethod
    def question_name(question):
        return f"question_{question.pk}"

    def question_fields(self):
        return [self[self.question_name(question)] for question in self.questions]

    def project_fields(self):
        return [self[name] for name in self.Meta.fields]

    def full_clean(self):
        """A draft saves incomplete: what is required is checked when submitting."""
        needed = [field for field in self.fields.values() if field.required]
        for field in needed:
            field.required = False
        try:
            super().full_clean()
        finally:
            for field in needed:
                field.required = True

    def clean(self):
        data = super().clean()
        start, end = data.get("project_start"), data.get("project_end")
        if start and end and end < start:
            self.add_error("project_end", "La fin du projet vient après son début.")
        return data

    def save(self, commit=True):
        answers = dict(self.instance.answers or {})
        for question in self.questions:
            answers[str(question.pk)] = self.cleaned_data.get(self.question_name(question), "")
        self.instance.answers = answers
        return super().save(commit)


class AttachmentMixin:
    """An optional attachment checked by its content (`uploads.check_upload`)."""

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        self.detected = check_upload(upload) if upload else None
        return upload


def attachment_field(label="Pièce jointe"):
    return forms.FileField(
        label=label,
        required=False,
        help_text=f"{ACCEPTED}, {megabytes(MAX_DOCUMENT_BYTES)} au plus.",
        error_messages={
            "empty": "Le fichier est vide.",
            "invalid": "Aucun fichier n'a été envoyé : choisissez-le à nouveau.",
        },
    )


class MessageForm(AttachmentMixin, DsfrBaseForm):
    body = forms.CharField(
        label="Votre message",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "Écrivez votre message.",
            "max_length": "Votre message dépasse 5 000 caractères.",
        },
    )
    attachment = attachment_field()


class CorrectionAnswerForm(AttachmentMixin, DsfrBaseForm):
    answer = forms.CharField(
        label="Votre réponse",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "Écrivez votre réponse à la demande de correction.",
            "max_length": "Votre réponse dépasse 5 000 caractères.",
        },
    )
    attachment = attachment_field("Nouveau document")
