"""RG1xx findings of `railguard parse`, one test per code."""

from __future__ import annotations

from pathlib import Path

from railguard.parse import parse_file, parse_text
from railguard.parse.findings import check_parsed


def codes(text: str) -> list[str]:
    return [f.code for f in check_parsed(parse_text(text, "LICENSE"))]


def test_rg104_a_use_policy_alone(shared: Path) -> None:
    findings = list(check_parsed(parse_file(shared / "licences" / "llama3.1-aup.txt")))
    assert [(f.code, f.licence) for f in findings] == [("RG104", "llama3.1")]


def test_rg105_a_text_that_does_not_bind() -> None:
    text = (
        "# Use policy\n\nThis policy is a community norm, not a legal amendment to the licence.\n\n"
        "Do not use the model for spam.\n"
    )
    assert "RG105" in codes(text)


def test_rg106_a_text_not_in_english() -> None:
    text = (
        "Política de uso\n\nÉ estritamente proibido utilizar o sistema para atividades ilegais ou fraudulentas, "
        "assédio ou discriminação, e para divulgar informações confidenciais sem autorização de quem as detém.\n"
    )
    assert codes(text) == ["RG106"]


def test_rg107_a_prohibition_no_category_names() -> None:
    findings = [
        f
        for f in check_parsed(parse_text("Permission is granted.\n\nThe Software shall be used for Good, not Evil.\n"))
        if f.code == "RG107"
    ]
    assert [f.line for f in findings] == [3]


def test_rg108_a_title_without_reference_wording() -> None:
    text = "# BigCode OpenRAIL-M v1.1 License\n\n" + "".join(
        f"You agree not to use the Model {purpose}.\n\n"
        for purpose in ("to harass people", "for military purposes", "to give medical advice")
    )
    result = parse_text(text, "LICENSE")
    assert result.identification.basis == "title"
    assert {f.code for f in check_parsed(result)} & {"RG101", "RG108"}
