from django import forms

from .models import Frequency

EVERYTHING = "everything"


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )
    follow = forms.ChoiceField(
        label="What do you want updates about?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select what you want updates about"},
    )
    frequency = forms.ChoiceField(
        label="How often do you want emails?",
        choices=Frequency.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how often you want emails"},
    )
    # A honeypot: hidden from people (and from assistive technology), filled in by bots.
    website = forms.CharField(required=False, label="Leave this empty")

    def __init__(self, *args, target_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["follow"].choices = target_choices
        if len(target_choices) == 1:
            self.fields["follow"].initial = target_choices[0][0]

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def is_bot(self):
        return bool(self.cleaned_data.get("website"))


class FrequencyForm(forms.Form):
    frequency = forms.ChoiceField(choices=Frequency.choices, widget=forms.RadioSelect)
