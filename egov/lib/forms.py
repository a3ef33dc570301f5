"""Form helpers every service shares: the attachments field, and where a refusal is shown.

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

from typing import Any

from django import forms, template
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.uploadedfile import UploadedFile
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


@register.filter
def has_visible_field_errors(form: forms.BaseForm) -> bool:
    """Whether a field the reader can see is marked, so the summary points them to it."""
    return any(
        name in form.fields and not form.fields[name].widget.is_hidden for name in form.errors
    )
