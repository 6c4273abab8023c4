"""Django form fields in the Scottish Government Design System's markup, for any form on the site.

`{% ds_error_summary form %}` lists every error with a link to its field; `{% ds_field form.name %}`
renders one field as a `ds_question` with its label, hint and error wired to the control by
`aria-describedby`. allauth's form elements (templates/allauth/elements/) use both.
"""

from django import forms, template

register = template.Library()


def _kind(widget):
    if widget.is_hidden:
        return "hidden"
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    return "input"


def anchor_id(bound_field):
    """The id an error summary links to: the control itself, or the first option of a group."""
    if _kind(bound_field.field.widget) in {"radios", "checkboxes"}:
        return f"{bound_field.auto_id}_0" if bound_field.subwidgets else bound_field.auto_id
    return bound_field.id_for_label


@register.inclusion_tag("accounts/forms/field.html")
def ds_field(bound_field):
    widget = bound_field.field.widget
    kind = _kind(widget)
    widget.attrs.pop("placeholder", None)  # the label and hint say it; placeholders vanish as you type
    hint_id = f"{bound_field.auto_id}-hint" if bound_field.help_text else ""
    error_id = f"{bound_field.auto_id}-error" if bound_field.errors else ""
    describedby = " ".join(filter(None, [hint_id, error_id]))
    context = {
        "field": bound_field,
        "kind": kind,
        "hint_id": hint_id,
        "error_id": error_id,
        "describedby": describedby,
    }
    if kind in {"input", "textarea", "select", "checkbox", "hidden"}:
        css = {
            "input": "ds_input",
            "textarea": "ds_input",
            "select": "ds_select",
            "checkbox": "ds_checkbox__input",
            "hidden": "",
        }[kind]
        attrs = {}
        if css:
            attrs["class"] = " ".join(filter(None, [css, widget.attrs.get("class", "")]))
            if bound_field.errors and kind != "checkbox":
                attrs["class"] += f" {css}--error"
        if describedby:
            attrs["aria-describedby"] = describedby
        if bound_field.errors:
            attrs["aria-invalid"] = "true"
        context["widget"] = bound_field.as_widget(attrs=attrs)
        context["character_count"] = kind == "textarea" and bound_field.field.max_length
    else:
        hints = getattr(widget, "choice_hints", {})
        context["options"] = [
            {
                "id": option.id_for_label,
                "name": option.data["name"],
                "value": option.data["value"],
                "label": option.choice_label,
                "checked": option.data["selected"],
                "hint": hints.get(str(option.data["value"]), ""),
                "hint_id": f"{option.id_for_label}-hint",
            }
            for option in bound_field.subwidgets
        ]
    return context


@register.inclusion_tag("accounts/forms/error_summary.html")
def ds_error_summary(form, title="There is a problem"):
    """Every error in the form, each linking to its field: shown above the form after a failed submit."""
    errors = [{"message": message, "anchor": ""} for message in form.non_field_errors()]
    for bound_field in form:
        for message in bound_field.errors:
            errors.append({"message": message, "anchor": anchor_id(bound_field), "label": bound_field.label})
    return {"errors": errors, "title": title}


@register.inclusion_tag("accounts/forms/fields.html")
def ds_form_fields(form):
    """A whole form's fields, errors first: what allauth's `{% element fields %}` renders."""
    return {"form": form}
