"""Form helpers every service shares: the base form, the attachments field, and where errors show.

Every form of the platform derives from ``Form``: a field left empty says what
to do ("Choose an option for “Type”"), never Django's generic "This field is
required", unless the form gives its own message ("Choose the type of
complaint"), which always wins.

The error summary (``_error_summary.html``) lists every error at the top of
its form, each a link to its field (``error_links``), takes the focus when the
page opens (``autofocus`` on an element with ``tabindex="-1"``), and carries an
id (``summary_id``) a form's ``action`` can name as its fragment, so a page
with several forms opens at the summary after a refused step. ``{%
error_title_prefix %}`` in ``base.html`` puts "Error: " before the title of
any page whose forms carry errors.

An action refuses with a ValidationError that names the fields by the action's
keyword arguments. ``show_action_error`` puts each message next to the field
of that name when the form has it, and everything else in the form's error
summary, so a refusal is always a message on the page, never a server error.

The templates ``_field.html`` and ``_error_summary.html`` (in ``templates/``)
show a field and a form's summary the same way on every page;
``has_visible_field_errors`` (a filter: ``{% load forms %}``) tells the summary
whether to point the reader to the fields marked below.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms, template
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from egov.lib import regions
from egov.lib.files import (
    ACCEPTED_EXTENSIONS,
    MAX_ATTACHMENT_BYTES,
    MAX_ATTACHMENTS,
    validate_attachments,
)

register = template.Library()

_GENERIC_REQUIRED = str(forms.Field.default_error_messages["required"])


def instructive_required_message(field: forms.Field) -> str:
    """What a person must do when ``field`` was left empty, named by its label."""
    label = str(field.label or "").strip().rstrip(":?").strip() or _("this question")
    widget = field.widget
    if isinstance(field, forms.FileField | AttachmentsField):
        return _("Choose a file for “%(label)s”.") % {"label": label}
    if isinstance(widget, forms.CheckboxInput):
        return _("Tick “%(label)s” to go on.") % {"label": label}
    if isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
        return _("Choose an option for “%(label)s”.") % {"label": label}
    return _("Fill in “%(label)s”.") % {"label": label}


_lazy_required = lazy(instructive_required_message, str)


class InstructiveRequiredMixin:
    """Replaces Django's generic "This field is required" with what to do, field by field."""

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._instruct()

    def _instruct(self) -> None:
        for field in self.fields.values():
            if str(field.error_messages.get("required", "")) == _GENERIC_REQUIRED:
                # Lazy: made in the language active when the message is shown.
                field.error_messages["required"] = _lazy_required(field)

    def full_clean(self) -> None:
        # Again before cleaning: a form's own __init__ may add fields after ours ran
        # (one per required document, say), and they must say what to do too.
        self._instruct()
        super().full_clean()  # type: ignore[misc]


class Form(InstructiveRequiredMixin, forms.Form):
    """The platform's base form: see the module's docstring."""


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.Field):
    """Up to five files in one input, each recognised by its bytes (files.validate_attachments).

    ``existing`` is how many files the record carries already: they count
    towards the five. The cleaned value is a list of uploaded files, empty when
    none was chosen.
    """

    widget = MultipleFileInput

    def __init__(self, *, existing: int = 0, **kwargs: Any) -> None:
        self.existing = existing
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("accept", ACCEPTED_EXTENSIONS)

    def to_python(self, data: Any) -> list[UploadedFile[Any]]:
        if data in self.empty_values:
            return []
        items = data if isinstance(data, list | tuple) else [data]
        return [item for item in items if isinstance(item, UploadedFile)]

    def validate(self, value: Any) -> None:
        super().validate(value)
        validate_attachments(value, existing=self.existing)


def _district_options() -> list[tuple[str, Any]]:
    return [("", _("Choose a district")), *regions.district_choices()]


class DistrictField(forms.ChoiceField):
    """A district (시·군·구) chosen from a list grouped by province; cleans to a ``District``.

    The options are named in the language of the page being rendered.
    """

    default_error_messages = {
        "required": gettext_lazy("Choose the district."),
        "invalid_choice": gettext_lazy("Choose a district from the list."),
    }

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=_district_options, **kwargs)

    def clean(self, value: Any) -> regions.District | None:
        code = super().clean(value)
        return regions.district(code) if code else None

    def valid_value(self, value: Any) -> bool:
        return regions.district(value) is not None


def attachments_help() -> str:
    """What an attachments field accepts, in the active language."""
    return _(
        "Up to %(count)d files of at most %(size)d MB each: PDF, images (PNG, JPEG, GIF, "
        "WEBP), Word, Excel, PowerPoint or Hangul (HWP, HWPX) documents."
    ) % {"count": MAX_ATTACHMENTS, "size": MAX_ATTACHMENT_BYTES // (1024 * 1024)}


def show_action_error(
    form: forms.BaseForm, error: ValidationError, *, field: str | None = None
) -> None:
    """Show an action's refusal on ``form``: next to the fields it names, else in the summary.

    A message for a field the form has goes next to that field (a hidden one's
    shows in the summary); a message for a field the form lacks goes to the
    summary, where Django's ``add_error`` would raise instead. A message that
    names no field goes next to ``field`` when given (a form with one input),
    else to the summary.
    """
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(_field_on(form, name), errors)
    else:
        form.add_error(_field_on(form, field), error)


def _field_on(form: forms.BaseForm, name: str | None) -> str | None:
    if name is None or name == NON_FIELD_ERRORS or name not in form.fields:
        return None
    return name


@dataclass(frozen=True)
class ErrorLink:
    message: str
    # The id of the input the message is about; blank when there is none to go to.
    anchor: str


def field_anchor(field: forms.BoundField) -> str:
    """The id of the input a link to ``field`` should land on (a choice list's first option)."""
    if field.is_hidden:
        return ""
    widget = field.field.widget
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return f"{field.auto_id}_0" if field.auto_id else ""
    return str(field.id_for_label or "")


@register.filter
def error_links(form: forms.BaseForm) -> list[ErrorLink]:
    """Each field error of ``form`` in the order of its fields, with the input it is about."""
    links: list[ErrorLink] = []
    for name in form.fields:
        if name not in form.errors:
            continue
        anchor = field_anchor(form[name])
        links.extend(ErrorLink(str(message), anchor) for message in form.errors[name])
    return links


@register.filter
def summary_id(form: forms.BaseForm) -> str:
    """The id of ``form``'s error summary: from its ids' prefix, so that two never collide."""
    auto_id = form.auto_id if isinstance(form.auto_id, str) else ""
    prefix = auto_id.replace("%s", "").strip("_-")
    if form.prefix:
        prefix = f"{prefix}_{form.prefix}" if prefix else form.prefix
    return f"{prefix}_errors" if prefix and prefix != "id" else "errors"


def _forms_in(context: template.Context) -> list[forms.BaseForm]:
    values: list[object] = list(context.flatten().values())
    # type(), not isinstance(): a lazy value (the CSRF token) must not be evaluated here.
    return [value for value in values if issubclass(type(value), forms.BaseForm)]  # type: ignore[misc]


@register.simple_tag(takes_context=True)
def error_title_prefix(context: template.Context) -> str:
    """ "Error: " when a form on the page carries errors, for the start of its title."""
    if any(found.is_bound and found.errors for found in _forms_in(context)):
        return _("Error: ")
    return ""


@register.filter
def has_visible_field_errors(form: forms.BaseForm) -> bool:
    """Whether a field the reader can see is marked, so the summary points them to it."""
    return any(
        name in form.fields and not form.fields[name].widget.is_hidden for name in form.errors
    )
