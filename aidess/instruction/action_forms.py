"""The forms of the instructor's application page and of the inbox's batch actions."""

from django import forms
from django.core.exceptions import ValidationError
from dsfr.forms import DsfrBaseForm

from aidess.applications.uploads import ACCEPTED, MAX_DOCUMENT_BYTES, check_upload
from aidess.core.limits import megabytes

REASON_MAX = 2000


class MessageForm(DsfrBaseForm):
    body = forms.CharField(
        label="Message au demandeur",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Écrivez votre message."},
    )
    attachment = forms.FileField(
        label="Pièce jointe",
        required=False,
        help_text=f"{ACCEPTED}, {megabytes(MAX_DOCUMENT_BYTES)} au plus.",
        error_messages={
            "empty": "Le fichier est vide.",
            "invalid": "Aucun fichier n'a été envoyé : choisissez-le à nouveau.",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.detected = None

    def clean_attachment(self):
        attachment = self.cleaned_data.get("attachment")
        if attachment:
            self.detected = check_upload(attachment)
        return attachment


class NoteForm(DsfrBaseForm):
    body = forms.CharField(
        label="Note privée",
        help_text="Lue par les seuls instructeurs, jamais par le demandeur.",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Écrivez la note."},
    )


class TransitionForm(DsfrBaseForm):
    """A state change; `reason` is required when the transition asks for one."""

    reason = forms.CharField(
        max_length=REASON_MAX, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, transition=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.transition = transition
        if transition is not None and transition.comment:
            self.fields["reason"].label = transition.comment
            self.fields["reason"].required = True
            self.fields["reason"].error_messages["required"] = (
                f"{transition.comment} : ce champ est obligatoire."
            )
        else:
            self.fields["reason"].label = "Commentaire (facultatif)"
        self._bound_fields_cache.clear()  # DsfrBaseForm bound them with the class's label


class AssignForm(DsfrBaseForm):
    assignee = forms.ModelChoiceField(
        label="Instructeur chargé",
        queryset=None,
        required=False,
        empty_label="Personne",
        error_messages={"invalid_choice": "Choisissez un instructeur de la liste."},
    )

    def __init__(self, *args, users, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = users


class LabelsForm(DsfrBaseForm):
    labels = forms.ModelMultipleChoiceField(
        label="Étiquettes",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choisissez des étiquettes de la liste."},
    )
    new_label = forms.CharField(
        label="Nouvelle étiquette",
        help_text="Créée pour votre organisation et posée sur ce dossier.",
        max_length=60,
        required=False,
    )

    def __init__(self, *args, labels, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["labels"].queryset = labels


BATCH_ACTIONS = [
    ("", "Choisissez une action"),
    ("assign", "Assigner à…"),
    ("follow", "Suivre"),
    ("unfollow", "Ne plus suivre"),
    ("label", "Étiqueter"),
    ("refuse", "Refuser (un seul motif)"),
    ("close", "Classer sans suite (un seul motif)"),
    ("export", "Exporter"),
]


class IdsField(forms.Field):
    """The ticked rows (checkboxes named `ids`): any integers, the view keeps only the
    applications the person instructs."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {
        "required": "Cochez au moins une demande.",
        "invalid": "La sélection est illisible : rechargez la page et cochez à nouveau.",
    }

    def to_python(self, value):
        if not value:
            return []
        try:
            return [int(item) for item in value]
        except (TypeError, ValueError):
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


class BatchForm(DsfrBaseForm):
    """An action on the applications ticked in the inbox; `ids` are checked by the view."""

    ids = IdsField()
    action = forms.ChoiceField(
        label="Action",
        choices=BATCH_ACTIONS,
        error_messages={
            "required": "Choisissez une action.",
            "invalid_choice": "Choisissez une action de la liste.",
        },
    )
    assignee = forms.TypedChoiceField(
        label="Instructeur",
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.Select(attrs={"class": "fr-select"}),
        error_messages={"invalid_choice": "Choisissez un instructeur de la liste."},
    )
    label = forms.TypedChoiceField(
        label="Étiquette",
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.Select(attrs={"class": "fr-select"}),
        error_messages={"invalid_choice": "Choisissez une étiquette de la liste."},
    )
    reason = forms.CharField(
        label="Motif",
        max_length=REASON_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "class": "fr-input"}),
    )

    def __init__(self, *args, instructors=(), labels=(), **kwargs):
        kwargs.setdefault("auto_id", "batch-%s")  # beside the filters' « label » on the page
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = [("", "Choisissez un instructeur"), *instructors]
        self.fields["label"].choices = [("", "Choisissez une étiquette"), *labels]

    def clean(self):
        data = super().clean()
        action = data.get("action")
        if action == "assign" and not data.get("assignee"):
            self.add_error("assignee", "Choisissez l'instructeur à qui assigner.")
        if action == "label" and not data.get("label"):
            self.add_error("label", "Choisissez l'étiquette à poser.")
        if action in ("refuse", "close") and not (data.get("reason") or "").strip():
            self.add_error("reason", "Indiquez le motif : il est envoyé à chaque demandeur.")
        return data
