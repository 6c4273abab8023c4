"""The facilitator's form for a scheduled session: what they type, checked by rooms/schedule.py's rules."""

from django import forms
from django.contrib.auth import get_user_model

from forums.models.threads import display_name
from rooms import schedule

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self):
        super().__init__(format="%Y-%m-%dT%H:%M")


class FacilitatorChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return display_name(obj)


class SessionForm(forms.Form):
    topic = forms.CharField(
        label="Topic",
        max_length=200,
        help_text="What the session is about, in a line.",
        error_messages={"required": "Enter the session's topic", "max_length": "Keep the topic under 200 characters"},
    )
    starts_at = forms.DateTimeField(
        label="Starts",
        input_formats=DATETIME_FORMATS,
        widget=LocalDateTimeInput(),
        help_text="Date and time, UK time. For example, 2027-03-09 10:00.",
        error_messages={"required": "Enter when the session starts", "invalid": "Enter the start as a date and time"},
    )
    ends_at = forms.DateTimeField(
        label="Ends",
        input_formats=DATETIME_FORMATS,
        widget=LocalDateTimeInput(),
        help_text=f"UK time. A session lasts at most {schedule.MAX_LENGTH.seconds // 3600} hours.",
        error_messages={"required": "Enter when the session ends", "invalid": "Enter the end as a date and time"},
    )
    facilitator = FacilitatorChoice(
        label="Facilitator",
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label="No one named yet",
        error_messages={"invalid_choice": "Choose one of the community's facilitators"},
    )

    def __init__(self, room, *args, prefix_id="session", **kwargs):
        kwargs.setdefault("auto_id", f"{prefix_id}-%s")
        super().__init__(*args, **kwargs)
        self.room = room
        ids = schedule.facilitators(room).values("user")
        self.fields["facilitator"].queryset = get_user_model().objects.filter(pk__in=ids).order_by("username")

    def clean(self):
        cleaned = super().clean()
        found = schedule.problems(cleaned.get("starts_at"), cleaned.get("ends_at"), cleaned.get("topic", "x"))
        for name, message in found.items():
            if name in self.fields and not self.errors.get(name):
                self.add_error(name, message)
        return cleaned

    def values(self):
        data = self.cleaned_data
        return {
            "starts_at": data["starts_at"],
            "ends_at": data["ends_at"],
            "topic": data["topic"],
            "facilitator": data.get("facilitator"),
        }
