from django import forms
from dsfr.forms import DsfrBaseForm

from aidess.notifications.addresses import RefusedAddress, check_url
from aidess.notifications.models import NotificationPreference, Webhook


class PreferenceForm(DsfrBaseForm, forms.ModelForm):
    class Meta:
        model = NotificationPreference
        fields = ["daily_digest"]


class WebhookForm(DsfrBaseForm, forms.ModelForm):
    class Meta:
        model = Webhook
        fields = ["organization", "url"]
        labels = {"organization": "Organisation", "url": "Adresse (URL) de réception"}
        help_texts = {
            "url": "Une adresse https:// de votre système, qui répond 2xx en moins de 5 secondes. "
            "Exemple : https://instruction.exemple.fr/aidess/evenements",
        }

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.fields["organization"].empty_label = None
        if len(organizations) == 1:
            self.fields["organization"].widget = forms.HiddenInput()
            self.fields["organization"].initial = organizations[0].pk
        self.fields["url"].error_messages["invalid"] = (
            "Saisissez une adresse complète, par exemple https://exemple.fr/webhooks."
        )

    def clean_url(self):
        url = self.cleaned_data["url"].strip()
        try:
            check_url(url)
        except RefusedAddress as refused:
            raise forms.ValidationError(str(refused)) from refused
        return url
