"""The three pages every public service links from its footer (accessibility, legal notice,
personal data): plain templates, no data."""

from django.views.generic import TemplateView

accessibility = TemplateView.as_view(template_name="core/accessibility.html")
legal_notice = TemplateView.as_view(template_name="core/legal_notice.html")
personal_data = TemplateView.as_view(template_name="core/personal_data.html")
