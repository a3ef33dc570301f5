"""A lang attribute on people's own words when they are not in the page's language."""

from __future__ import annotations

from django.template import Context, Template
from django.utils import translation

from egov.lib.language_tags import lang_attr, text_language


def test_the_language_is_read_from_the_letters() -> None:
    assert text_language("학교 앞 횡단보도 불법 주차") == "ko"
    assert text_language("EP-2612 접수 민원, 불법 주차") == "ko"
    assert text_language("Gaji tiga bulan belum dibayar", "id") == "id"
    # Latin letters from someone who reads Korean: English or anything, so unsaid.
    assert text_language("Streetlight dark", "ko") == ""
    assert text_language("12345 !!!") == ""
    assert text_language("") == ""


def test_the_attribute_appears_only_when_the_page_is_in_another_language() -> None:
    with translation.override("id"):
        assert lang_attr("횡단보도 불법 주차") == ' lang="ko"'
        assert lang_attr("Gaji belum dibayar", "id") == ""
    with translation.override("ko"):
        assert lang_attr("횡단보도 불법 주차") == ""
        assert lang_attr("Gaji belum dibayar", "id") == ' lang="id"'


def test_every_template_has_the_filter_and_escapes_what_it_writes() -> None:
    with translation.override("en"):
        html = Template("<p{{ text|lang_attr:who }}>{{ text }}</p>").render(
            Context({"text": "<b>민원</b>", "who": '"><script>'})
        )
    assert html == '<p lang="ko">&lt;b&gt;민원&lt;/b&gt;</p>'
