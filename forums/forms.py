"""The forms behind the discussion pages. They only collect and type the input: the rules (empty,
too long, who may post where) are forums.services', whose messages the views show."""

from django import forms

from cop_site.errors import DomainError

MAX_ID = 2**63 - 1  # the largest id a database column holds
NOT_A_POST = {key: "You can only reply to a post in this thread." for key in ("invalid", "min_value", "max_value")}
MARKDOWN_HELP = (
    "You can use **bold**, *italic*, lists, [links](https://example.org), > quotes and `code`. "
    "Mention a member with @username."
)


class PostForm(forms.Form):
    """A new post: a comment, a reply to a post (`parent`), or an answer in a forum thread."""

    body = forms.CharField(strip=False, required=False, widget=forms.Textarea)
    parent = forms.IntegerField(required=False, min_value=1, max_value=MAX_ID, error_messages=NOT_A_POST)


class EditForm(forms.Form):
    body = forms.CharField(strip=False, required=False, widget=forms.Textarea)


class ThreadForm(forms.Form):
    title = forms.CharField(required=False, max_length=1000)
    body = forms.CharField(strip=False, required=False, widget=forms.Textarea)
    tags = forms.CharField(required=False, max_length=1000)

    def tag_list(self):
        return [tag for tag in self.cleaned_data.get("tags", "").split(",") if tag.strip()]


class JoinForm(forms.Form):
    message = forms.CharField(required=False, max_length=1000, widget=forms.Textarea)


class InviteForm(forms.Form):
    username = forms.CharField(
        max_length=150, error_messages={"required": "Give the username of the member to invite."}
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", "Approve"), ("decline", "Decline")],
        error_messages={
            "required": "Approve or decline the request.",
            "invalid_choice": "Approve or decline the request.",
        },
    )


class FlagsForm(forms.Form):
    """Pin/unpin and lock/unlock: each button sends the one flag it changes."""

    pinned = forms.TypedChoiceField(choices=[("1", "yes"), ("0", "no")], coerce=lambda v: v == "1", required=False)
    locked = forms.TypedChoiceField(choices=[("1", "yes"), ("0", "no")], coerce=lambda v: v == "1", required=False)

    def flags(self):
        return {name: self.cleaned_data[name] for name in ("pinned", "locked") if self.data.get(name) in ("0", "1")}


class FollowForm(forms.Form):
    following = forms.TypedChoiceField(choices=[("1", "yes"), ("0", "no")], coerce=lambda v: v == "1")


class BestAnswerForm(forms.Form):
    """The post to mark as the most helpful answer; empty clears the mark."""

    post = forms.IntegerField(required=False, min_value=1, max_value=MAX_ID, error_messages=NOT_A_POST)


class InquiryForm(forms.Form):
    question = forms.CharField(required=False, max_length=1000)
    why_it_matters = forms.CharField(strip=False, required=False, widget=forms.Textarea)


class EntryForm(forms.Form):
    """An inquiry entry: its kind is checked by forums.inquiries, which names the choices in its message."""

    kind = forms.CharField(required=False, max_length=20)
    body = forms.CharField(strip=False, required=False, widget=forms.Textarea)
    links = forms.CharField(required=False, widget=forms.Textarea)


class TeamForm(forms.Form):
    username = forms.CharField(required=False, max_length=150)
    role = forms.CharField(required=False, max_length=20)


class CycleForm(forms.Form):
    focus = forms.CharField(required=False, max_length=1000)


class EntryModerationForm(forms.Form):
    action = forms.CharField(required=False, max_length=20)
    reason = forms.CharField(required=False, widget=forms.Textarea)


class ReportForm(forms.Form):
    reason = forms.CharField(required=False, max_length=20)
    note = forms.CharField(required=False, widget=forms.Textarea)


def first_error(form):
    """A form's first error as one sentence, for the error summary."""
    for errors in form.errors.values():
        return errors[0]
    return ""


def form_error(form):
    """A form that did not validate, as the refusal the page shows (`invalid`, with its first error)."""
    return DomainError("invalid", first_error(form))
