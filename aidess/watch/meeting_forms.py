"""Forms of the cell meetings."""

from django import forms

from aidess.watch.models import Meeting


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["cell", "title", "held_on", "attendees"]
        widgets = {
            "held_on": forms.DateInput(attrs={"type": "date"}),
            "attendees": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"cell": "Cellule"}
        help_texts = {"attendees": "Une personne ou un service par ligne."}

    def __init__(self, *args, cells, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cell"].queryset = cells
        self.fields["cell"].empty_label = None


class DecisionForm(forms.Form):
    decision = forms.CharField(
        label="Décision", widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )
