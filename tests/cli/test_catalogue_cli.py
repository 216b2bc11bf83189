"""`railguard licences` and `railguard explain`, driven through `main(argv)` as a user would."""

from __future__ import annotations

import json

import pytest

from railguard import cli
from railguard.catalogue import load_catalogue
from railguard.cli import main
from railguard.cli.exitcodes import ExitCode


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0
    assert out.startswith("railguard, version ")


def test_help_documents_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0
    assert "Exit codes:" in out
    for line in ("0  done", "1  done", "2  could not run"):
        assert line in out


def test_licences_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "licences")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[:4] == ["ID", "FAMILY", "COMMERCIAL", "NAME"]
    assert len(lines) == 1 + len(load_catalogue())
    assert any(line.startswith("creativeml-openrail-m ") for line in lines)
    assert err.strip().endswith("licences")


def test_licences_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "licences", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["schema_version"] == 2
    assert data["findings"] == []
    ids = [row["id"] for row in data["licences"]]
    assert ids == sorted(ids)
    row = next(r for r in data["licences"] if r["id"] == "creativeml-openrail-m")
    assert set(row) == {"id", "name", "family", "aliases"}
    assert row["family"] == "rail"
    assert "stable-diffusion-2022-08-22" in row["aliases"]


def test_licences_family_filter(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "licences", "--family", "rail", "--format", "json")
    assert code == 0
    families = {row["family"] for row in json.loads(out)["licences"]}
    assert families == {"rail"}


def test_explain_text_lists_sections(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "explain", "CreativeML-OpenRAIL-M")
    assert code == 0
    assert "CreativeML Open RAIL-M (creativeml-openrail-m)" in out
    assert "Attachment A (k)" in out
    assert "law-enforcement" in out
    assert "flow-down" in out


def test_explain_json_contract_shape(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "explain", "creativeml-openrail-m", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["schema_version"] == 2
    assert data["licence"]["id"] == "creativeml-openrail-m"
    assert data["licence"]["family"] == "rail"
    assert data["commercial"] is True
    first = data["restrictions"][0]
    assert set(first) == {"category", "kind", "section", "text", "line"}
    assert first["section"] == "Attachment A (a)"
    assert {"kind", "section", "text", "params"} <= set(data["obligations"][0])


def test_explain_is_deterministic(capsys: pytest.CaptureFixture[str]) -> None:
    first = run(capsys, "explain", "creativeml-openrail-m", "--format", "json")
    second = run(capsys, "explain", "creativeml-openrail-m", "--format", "json")
    assert first == second


def test_unknown_licence_exits_2_with_suggestion(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "explain", "creativeml-openrail")
    assert code == ExitCode.ERROR
    assert out == ""
    assert "unknown licence `creativeml-openrail`" in err
    assert "did you mean `creativeml-openrail-m`" in err
    assert "Traceback" not in err


def test_nonsense_licence_points_to_the_list(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "explain", "zzzzqqqq")
    assert code == 2
    assert "railguard licences" in err


def test_explain_a_file_parses_it(capsys: pytest.CaptureFixture[str], tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "LICENSE"
    path.write_text(
        "Example Licence\n\nYou agree not to use the Model:\n(a) for military purposes;\n", encoding="utf-8"
    )
    code, out, _ = run(capsys, "explain", str(path), "--format", "json")
    assert code == 0
    assert json.loads(out)["restrictions"][0]["category"] == "military"


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "explain")
    assert code == 2
    assert "Missing argument" in err
    code, _, err = run(capsys, "licences", "--format", "xml")
    assert code == 2


def test_internal_error_is_reported_not_raised(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom() -> None:
        raise ZeroDivisionError("simulated bug")

    monkeypatch.setattr("railguard.cli.catalogue.load_catalogue", boom)
    code, _, err = run(capsys, "licences")
    assert code == 2
    assert "internal error, please report" in err
    assert "simulated bug" in err
    assert "Traceback" not in err
    code, _, err = run(capsys, "--debug", "licences")
    assert code == 2
    assert "Traceback" in err


def test_console_script_shim_exits_with_code(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.argv", ["railguard", "explain", "no-such-licence-xyz"])
    with pytest.raises(SystemExit) as info:
        cli.run()
    assert info.value.code == 2


def test_categories_lists_the_contract_slugs(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "categories", "--format", "json")
    assert code == 0
    slugs = [row["slug"] for row in json.loads(out)["categories"]]
    assert {"military", "non-commercial", "train-other-models"} <= set(slugs)
    code, out, _ = run(capsys, "categories")
    assert code == 0
    assert out.splitlines()[0].startswith("unlawful ")
