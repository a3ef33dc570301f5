"""The shared form helpers: attachments, an action's refusal placed on the form, the templates."""

from __future__ import annotations

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.utils.datastructures import MultiValueDict

from egov.lib import forms as egov_forms
from egov.lib.files import PDF, PNG
from egov.lib.forms import (
    AttachmentsField,
    attachments_help,
    has_visible_field_errors,
    show_action_error,
)

PDF_BYTES = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"
PNG_BYTES = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"


class NoteForm(egov_forms.Form):
    body = forms.CharField(label="Note", help_text="Only staff see notes.")
    page = forms.CharField(required=False, widget=forms.HiddenInput)


def bound(data: dict[str, str] | None = None) -> NoteForm:
    form = NoteForm({"body": "Called the contractor.", **(data or {})})
    assert form.is_valid()
    return form


# ---- an action's refusal on a form ----------------------------------------------------------


def test_a_message_for_a_field_the_form_has_goes_next_to_it() -> None:
    form = bound()
    show_action_error(form, ValidationError({"body": "Say more."}))
    assert form.errors == {"body": ["Say more."]}
    assert "body" not in form.cleaned_data


def test_a_message_for_a_field_the_form_lacks_goes_to_the_summary() -> None:
    form = bound()
    # Django's own add_error raises here, which became a server error on the page.
    with pytest.raises(ValueError, match="has no field named 'unit'"):
        bound().add_error(None, ValidationError({"unit": "Choose a unit of this agency."}))
    show_action_error(form, ValidationError({"unit": "Choose a unit of this agency."}))
    assert form.non_field_errors() == ["Choose a unit of this agency."]
    assert list(form.errors) == ["__all__"]


def test_a_refusal_naming_several_fields_is_split_between_them_and_the_summary() -> None:
    form = bound()
    error = ValidationError(
        {
            "body": ["Say more.", "Say it politely."],
            "remedy": "Name the remedy.",
            "__all__": "This complaint is not waiting for an answer.",
        }
    )
    show_action_error(form, error)
    assert form.errors["body"] == ["Say more.", "Say it politely."]
    assert form.non_field_errors() == [
        "Name the remedy.",
        "This complaint is not waiting for an answer.",
    ]


def test_a_message_without_a_field_goes_to_the_summary_or_to_the_field_named() -> None:
    form = bound()
    show_action_error(form, ValidationError("The case moved on.", code="status"))
    assert form.non_field_errors() == ["The case moved on."]
    assert form.non_field_errors().as_data()[0].code == "status"

    form = bound()
    show_action_error(form, ValidationError("That code is not correct."), field="body")
    assert form.errors == {"body": ["That code is not correct."]}

    form = bound()
    show_action_error(form, ValidationError("That code is not correct."), field="code")
    assert form.non_field_errors() == ["That code is not correct."]


def test_a_message_for_a_hidden_field_is_kept_with_it_and_shown_in_the_summary() -> None:
    form = bound()
    show_action_error(form, ValidationError({"page": "This page link is not valid."}))
    assert form.errors == {"page": ["This page link is not valid."]}
    assert not has_visible_field_errors(form)
    html = render_to_string("_form.html", {"form": form})
    assert "This page link is not valid." in html
    assert "Please correct the fields marked below." not in html


def test_the_summary_points_to_the_fields_only_when_a_visible_one_is_marked() -> None:
    assert not has_visible_field_errors(NoteForm())
    form = NoteForm({"body": ""})
    assert not form.is_valid()
    assert has_visible_field_errors(form)
    html = render_to_string("_form.html", {"form": form})
    assert 'class="error-summary" id="errors" role="alert" tabindex="-1" autofocus' in html
    assert '<li><a href="#id_body">Fill in “Note”.</a></li>' in html


def test_a_refused_form_shows_each_message_where_the_reader_looks_for_it() -> None:
    form = bound()
    show_action_error(
        form,
        ValidationError({"body": "Say more.", "unit": "Choose a unit of this agency."}),
    )
    html = render_to_string("_form.html", {"form": form})
    summary, fields = html.split("</div>", 1)
    assert "<li>Choose a unit of this agency.</li>" in summary
    # A field's message is in the summary too, as a link to the field.
    assert '<li><a href="#id_body">Say more.</a></li>' in summary
    assert '<div class="field-error" id="id_body_error"><p>Say more.</p></div>' in fields
    assert 'aria-describedby="id_body_helptext id_body_error"' in fields
    assert 'aria-invalid="true"' in fields
    assert '<p class="help" id="id_body_helptext">Only staff see notes.</p>' in fields


class ChoicesForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Outcome",
        choices=[("accepted", "Accepted"), ("refused", "Refused")],
        widget=forms.RadioSelect,
        help_text="Pick one.",
    )
    mine = forms.BooleanField(label="Assigned to me", required=False, help_text="Only yours.")


def test_radio_buttons_are_a_fieldset_that_describes_itself() -> None:
    form = ChoicesForm({})
    assert not form.is_valid()
    html = render_to_string("_field.html", {"field": form["outcome"]})
    assert (
        '<fieldset class="form-field choices has-error" '
        'aria-describedby="id_outcome_helptext id_outcome_error">'
    ) in html
    assert "<legend>Outcome</legend>" in html
    assert '<label for="id_outcome_0">Accepted</label>' in html
    inline = render_to_string("_field.html", {"field": form["outcome"], "inline": True})
    assert 'class="form-field choices choices-inline has-error"' in inline


def test_a_checkbox_has_its_label_beside_it_and_is_marked_optional_nowhere() -> None:
    html = render_to_string("_field.html", {"field": ChoicesForm()["mine"]})
    assert '<div class="form-field checkbox">' in html
    assert '<label for="id_mine">Assigned to me</label>' in html
    assert 'aria-describedby="id_mine_helptext"' in html
    assert "optional" not in html


# ---- attachments --------------------------------------------------------------------------


class UploadForm(forms.Form):
    attachments = AttachmentsField(label="Attachments")


def upload(*files: SimpleUploadedFile, existing: int = 0) -> UploadForm:
    form = UploadForm(data={}, files=MultiValueDict({"attachments": list(files)}))
    field = form.fields["attachments"]
    assert isinstance(field, AttachmentsField)
    field.existing = existing
    return form


def test_the_attachments_field_gives_the_files_checked_by_their_bytes() -> None:
    form = upload(SimpleUploadedFile("scan.pdf", PDF_BYTES), SimpleUploadedFile("photo", PNG_BYTES))
    assert form.is_valid(), form.errors
    assert [file.name for file in form.cleaned_data["attachments"]] == ["scan.pdf", "photo"]
    assert UploadForm(data={}).is_valid()
    assert UploadForm(data={}).fields["attachments"].widget.attrs["accept"].startswith(".pdf,")
    assert (PDF.extension, PNG.extension) == ("pdf", "png")


@pytest.mark.parametrize(
    ("files", "existing", "message"),
    [
        ([SimpleUploadedFile("blank.pdf", b"")], 0, "blank.pdf is empty."),
        ([SimpleUploadedFile("app.pdf", b"MZ\x90\x00" * 16)], 0, "app.pdf is not a file type"),
        ([SimpleUploadedFile("one.pdf", PDF_BYTES)], 5, "You can attach at most 5 files."),
    ],
)
def test_the_attachments_field_refuses_with_the_files_name(
    files: list[SimpleUploadedFile], existing: int, message: str
) -> None:
    form = upload(*files, existing=existing)
    assert not form.is_valid()
    assert message in form.errors["attachments"][0]


def test_the_help_says_how_many_files_of_what_size() -> None:
    assert attachments_help().startswith("Up to 5 files of at most 10 MB each: PDF, images")
