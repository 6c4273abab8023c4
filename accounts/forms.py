"""The sign-up form's extra questions and the profile form, with the words members see."""

from allauth.account.forms import LoginForm, SignupForm
from django import forms

from accounts import services
from accounts.models import BIO_MAX_LENGTH, LevelChoice, Profile, SectorChoice
from learning.models import Theme

SECTOR_HINTS = {
    SectorChoice.PUBLIC: "Councils, NHS, police, fire and rescue, and other public bodies.",
    SectorChoice.THIRD: "Charities, voluntary organisations and social enterprises.",
    SectorChoice.COMMUNITY: "Community groups, community councils and development trusts.",
    SectorChoice.ACADEMIC: "Universities, colleges and research institutes.",
}
LEVEL_HINTS = {
    LevelChoice.FRONTLINE: "You work directly with the people and communities a service is for.",
    LevelChoice.MANAGER: "You lead a team or a service.",
    LevelChoice.STRATEGIC: "You set direction across services or organisations.",
    LevelChoice.RESEARCHER: "You study or evaluate public services.",
    LevelChoice.COMMUNITY_MEMBER: "You take part as a resident, volunteer or someone who uses services.",
}


class HintedRadioSelect(forms.RadioSelect):
    """Radios whose options each carry a hint; templates read `choice_hints`."""

    def __init__(self, *args, choice_hints=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.choice_hints = {str(key): value for key, value in (choice_hints or {}).items()}


def display_name_field(hint):
    return forms.CharField(
        label="Display name",
        max_length=100,
        required=False,
        help_text=hint,
        widget=forms.TextInput(attrs={"autocomplete": "nickname", "spellcheck": "false"}),
    )


def organisation_field():
    return forms.CharField(
        label="Organisation",
        max_length=200,
        required=False,
        help_text="For example Fife Council, NHS Lothian or a community trust. "
        "Leave blank if you take part as a community member.",
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )


def sector_field():
    return forms.ChoiceField(
        label="Which sector do you work in?",
        choices=SectorChoice.choices,
        help_text="Live discussions use this to make sure every sector is heard.",
        error_messages={"required": "Choose the sector you work in", "invalid_choice": "Choose one of the sectors"},
        widget=HintedRadioSelect(choice_hints=SECTOR_HINTS),
    )


def level_field():
    return forms.ChoiceField(
        label="What best describes your role?",
        choices=LevelChoice.choices,
        help_text="Live discussions use this to make sure frontline voices are heard as much as anyone's.",
        error_messages={
            "required": "Choose what best describes your role",
            "invalid_choice": "Choose one of the roles",
        },
        widget=HintedRadioSelect(choice_hints=LEVEL_HINTS),
    )


class MemberSignupForm(SignupForm):
    """allauth's sign-up form (email, username, password) plus who the member is and where they work."""

    field_order = ["email", "username", "display_name", "organisation", "sector", "level", "password1", "password2"]

    display_name = display_name_field("The name other members see beside your posts. Leave blank to use your username.")
    organisation = organisation_field()
    sector = sector_field()
    level = level_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "email" in self.fields:
            self.fields["email"].label = "Email address"
            self.fields["email"].help_text = "We will send a link to confirm it. Other members never see it."
        if "username" in self.fields:
            self.fields[
                "username"
            ].help_text = "Your profile's web address: letters, numbers and @ . + - _ only, no spaces."
        if "password2" in self.fields:
            self.fields["password2"].label = "Confirm password"
        required = {
            "email": "Enter your email address",
            "username": "Enter a username",
            "password1": "Enter a password",
            "password2": "Enter the password again",
        }
        for name, message in required.items():
            if name in self.fields:
                self.fields[name].error_messages["required"] = message

    def custom_signup(self, request, user):
        super().custom_signup(request, user)
        services.complete_signup_profile(user, self.cleaned_data)


class MemberLoginForm(LoginForm):
    """allauth's sign-in form with plain labels: members may sign in with their username or email address."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].label = "Username or email address"
        self.fields["login"].widget.attrs["autocomplete"] = "username"  # what password managers fill in
        self.fields["login"].error_messages["required"] = "Enter your username or email address"
        self.fields["password"].error_messages["required"] = "Enter your password"
        if "remember" in self.fields:
            self.fields["remember"].label = "Keep me signed in on this device"


class ProfileForm(forms.ModelForm):
    display_name = display_name_field("The name other members see. Leave blank to use your full name or username.")
    organisation = organisation_field()
    sector = sector_field()
    level = level_field()
    bio = forms.CharField(
        label="About you",
        required=False,
        max_length=BIO_MAX_LENGTH,
        help_text=f"A few sentences about your work and what you would like to learn. Plain text, up to "
        f"{BIO_MAX_LENGTH} characters.",
        error_messages={"max_length": f"About you must be {BIO_MAX_LENGTH} characters or fewer"},
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    themes_of_interest = forms.ModelMultipleChoiceField(
        label="Themes you are interested in",
        queryset=Theme.objects.order_by("name"),
        required=False,
        to_field_name="slug",
        help_text="Your weekly digest brings you new content on these themes.",
        error_messages={
            "invalid_choice": "Choose themes from the list",
            "invalid_pk_value": "Choose themes from the list",
        },
        widget=forms.CheckboxSelectMultiple,
    )
    email_on_mention = forms.BooleanField(label="Email me when someone mentions me", required=False)
    email_on_reply = forms.BooleanField(label="Email me when someone replies to me", required=False)
    email_on_session_reminder = forms.BooleanField(
        label="Email me the reminders I ask for before a room's session", required=False
    )
    weekly_digest = forms.BooleanField(label="Send me a weekly digest of new content", required=False)

    class Meta:
        model = Profile
        fields = services.EDITABLE_FIELDS
