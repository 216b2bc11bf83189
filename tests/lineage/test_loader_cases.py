"""Lineage inputs from issue 11: nothing lost, nothing misread, every problem reported at its record."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from railguard.cli import main
from railguard.lineage import loaders
from railguard.lineage.loaders import load_lineage
from railguard.report.lineage_json import as_version_1


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, object]]:
    code = main([*args, "--format", "json"])
    out = capsys.readouterr().out
    return code, (as_version_1(json.loads(out)) if out.strip().startswith("{") else {})


def findings(data: dict[str, object], code: str) -> list[dict[str, object]]:
    return [f for f in data["findings"] if f["code"] == code]  # type: ignore[union-attr,index]


SD = '{"id": "runwayml/stable-diffusion-v1-5", "license": "creativeml-openrail-m"}\n'


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\u0085"])
def test_jsonl_records_with_raw_line_separators_are_kept(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, separator: str
) -> None:
    table = tmp_path / "t.jsonl"
    child = {
        "id": "fan/anime",
        "license": "mit",
        "base_model": "runwayml/stable-diffusion-v1-5",
        "note": f"a{separator}b",
    }
    after = {"id": "fan/later", "license": "mit", "base_model": "fan/anime"}
    table.write_text(SD + json.dumps(child, ensure_ascii=False) + "\n" + json.dumps(after) + "\n", encoding="utf-8")
    code, data = run(capsys, "lineage", str(table))
    assert code == 1
    assert not findings(data, "RG313")
    (dropped,) = [f for f in findings(data, "RG301") if f["model"] == "fan/anime"]
    assert dropped["line"] == 2
    assert [f["line"] for f in findings(data, "RG301") if f["model"] == "fan/later"] == [3]


def test_a_list_under_license_is_checked_and_shown_as_written(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    table = tmp_path / "t.jsonl"
    table.write_text(
        SD + '{"id": "fan/dual", "license": ["apache-2.0", "mit"], "base_model": "runwayml/stable-diffusion-v1-5"}\n',
        encoding="utf-8",
    )
    code, data = run(capsys, "lineage", str(table))
    assert code == 1
    assert {f["licence"] for f in findings(data, "RG301")} == {"apache-2.0", "mit"}
    (note,) = findings(data, "RG321")
    assert note["line"] == 2
    (model,) = [m for m in data["models"] if m["id"] == "fan/dual"]  # type: ignore[union-attr]
    assert model["licence"] == "[apache-2.0, mit]"
    main(["lineage", str(table)])
    assert "['apache-2.0'" not in capsys.readouterr().out


def test_license_name_beside_another_licence_binds_too(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    table = tmp_path / "t.jsonl"
    table.write_text(
        '{"id": "lab/base", "license": "mit", "license_name": "deepseek"}\n'
        '{"id": "fan/ft", "license": "apache-2.0", "base_model": "lab/base"}\n',
        encoding="utf-8",
    )
    code, data = run(capsys, "lineage", str(table))
    assert code == 1
    assert findings(data, "RG322")[0]["model"] == "lab/base"
    assert [f["upstream"] for f in findings(data, "RG301")] == ["lab/base"]


def test_license_name_alone_is_the_licence(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    table = tmp_path / "t.jsonl"
    table.write_text('{"id": "lab/vl", "license_name": "intel-research-use-license"}\n', encoding="utf-8")
    code, data = run(capsys, "lineage", str(table))
    assert code == 0
    assert data["models"][0]["licence"] == "intel-research"  # type: ignore[index]
    assert not findings(data, "RG308")


def manifest(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "m.yaml"
    path.write_text("models:\n" + body, encoding="utf-8")
    return path


def test_a_missing_or_binary_licence_file_is_rg313_for_that_record(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "BIN").write_bytes(b"\x00\x01" * 100)
    path = manifest(
        tmp_path,
        "  - id: a\n    licence_file: gone/LICENSE\n"
        "  - id: b\n    license: cc-by-nc-4.0\n    licence_file: BIN\n"
        "  - id: c\n    license: mit\n    base_model: b\n",
    )
    code, data = run(capsys, "lineage", str(path))
    assert code == 1  # c relicenses b's non-commercial terms: the rest of the input was read
    assert sorted(f["line"] for f in findings(data, "RG313")) == [2, 4]
    assert {m["id"]: m["licence"] for m in data["models"]}["b"] == "cc-by-nc-4.0"  # type: ignore[union-attr]
    assert [f["model"] for f in findings(data, "RG304")] == ["c"]


def test_a_licence_file_with_no_clause_is_unknown_not_permissive(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "EMPTY").write_text("", encoding="utf-8")
    path = manifest(
        tmp_path,
        "  - id: nc\n    license: cc-by-nc-4.0\n    licence_file: EMPTY\n"
        "  - id: bare\n    licence_file: EMPTY\n"
        "  - id: child\n    license: mit\n    base_model: nc\n",
    )
    code, data = run(capsys, "lineage", str(path))
    assert code == 1
    assert findings(data, "RG103")
    assert [f["model"] for f in findings(data, "RG304")] == ["child"]
    assert [f["model"] for f in findings(data, "RG308")] == ["bare"]


def test_a_licence_file_that_disagrees_with_license_is_reported(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, shared: Path
) -> None:
    text = shared / "licences" / "apache-2.0.txt"
    path = manifest(tmp_path, f"  - id: a\n    license: cc-by-nc-4.0\n    licence_file: {text}\n")
    _, data = run(capsys, "lineage", str(path))
    (disagree,) = findings(data, "RG323")
    assert disagree["model"] == "a"
    assert data["models"][0]["commercial"] is False  # type: ignore[index]


def test_one_licence_file_named_by_many_records_is_parsed_once(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "LICENSE").write_text("You may not use the model for military purposes.\n", encoding="utf-8")
    import railguard.parse

    calls: list[object] = []
    real = railguard.parse.parse_file

    def counted(path: object) -> object:
        calls.append(path)
        return real(path)  # type: ignore[arg-type]

    monkeypatch.setattr(railguard.parse, "parse_file", counted)
    path = manifest(tmp_path, "".join(f"  - id: m{i}\n    licence_file: ./LICENSE\n" for i in range(20)))
    loaded = load_lineage(path)
    assert len(loaded.entries) == 20
    assert len(calls) == 1
    assert loaders  # the module whose cache is exercised


def test_a_csv_with_a_column_twice_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    table = tmp_path / "t.csv"
    table.write_text("id,license,base_model,license\na/b,mit,,cc-by-nc-4.0\n", encoding="utf-8")
    code = main(["lineage", str(table)])
    err = capsys.readouterr().err
    assert code == 2
    assert "`license` in columns 2, 4" in err
    assert f"{table}:1" in err


@pytest.mark.parametrize("name", ["readme.md", "MODEL_CARD.md", "modelcard.md"])
def test_card_files_are_found_under_any_card_name(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str
) -> None:
    folder = tmp_path / "fan" / "sd-style"
    folder.mkdir(parents=True)
    (folder / name).write_text(
        "---\nlicense: mit\nbase_model: runwayml/stable-diffusion-v1-5\n---\n# SD style\n", encoding="utf-8"
    )
    code, data = run(capsys, "lineage", str(tmp_path))
    assert code == 1
    assert [f["model"] for f in findings(data, "RG301")] == ["fan/sd-style"]


LOOKALIKE = "m\u0435ta-llama/Llama-3.1-8B"  # a Cyrillic `е` (U+0435) for the Latin `e`


def test_a_lookalike_base_model_is_named_with_what_it_resembles(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # Issue 11: the look-alike id passed `lineage` as one more unknown base model (RG309, exit 0).
    table = tmp_path / "m.yaml"
    table.write_text(f"models:\n  - id: acme/tune\n    license: apache-2.0\n    base_model: {LOOKALIKE}\n", "utf-8")
    code, data = run(capsys, "lineage", str(table))
    assert code == 1
    (found,) = findings(data, "RG410")
    assert found["severity"] == "error"
    assert (found["model"], found["line"]) == ("acme/tune", 2)
    assert "CYRILLIC SMALL LETTER IE" in str(found["message"])
    assert "`meta-llama/Llama-3.1-8B`" in str(found["message"]) + str(found["hint"])


def test_a_lookalike_base_model_is_named_even_when_the_input_defines_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # A manifest that lists the look-alike itself (under a permissive licence) must not launder it.
    table = tmp_path / "m.jsonl"
    rows = [{"id": LOOKALIKE, "license": "mit"}, {"id": "acme/tune", "license": "mit", "base_model": LOOKALIKE}]
    table.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), "utf-8")
    code, data = run(capsys, "lineage", str(table))
    assert code == 1
    (found,) = findings(data, "RG410")
    assert (found["model"], found["line"]) == ("acme/tune", 2)


@pytest.mark.parametrize("base", ["acme/private-model", "\u6a21\u578b/\u4e00"])
def test_ids_that_imitate_no_hub_id_are_no_lookalikes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, base: str
) -> None:
    table = tmp_path / "m.yaml"
    table.write_text(f"models:\n  - id: acme/tune\n    license: mit\n    base_model: {base}\n", "utf-8")
    code, data = run(capsys, "lineage", str(table))
    assert (code, findings(data, "RG410"), len(findings(data, "RG309"))) == (0, [], 1)


def test_a_csv_record_spanning_lines_is_reported_at_its_first_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # Issue 11: a record whose quoted field spans lines 3-5 was reported at line 5, its last.
    table = tmp_path / "t.csv"
    table.write_text(
        "id,license,base_model,note\n"
        "runwayml/stable-diffusion-v1-5,creativeml-openrail-m,,\n"
        'fan/anime,mit,runwayml/stable-diffusion-v1-5,"a note\n\nover three lines"\n'
        "\n"
        "fan/later,mit,runwayml/stable-diffusion-v1-5,\n",
        encoding="utf-8",
    )
    code, data = run(capsys, "lineage", str(table))
    assert code == 1
    assert sorted((f["model"], f["line"]) for f in findings(data, "RG301")) == [("fan/anime", 3), ("fan/later", 7)]


def test_lineage_of_a_folder_of_cards_points_where_lint_does(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # Issue 11: `lineage DIR` put a card's conflict at line 1, `lint` at the `license` value.
    card = tmp_path / "cards" / "fan" / "anime" / "README.md"
    card.parent.mkdir(parents=True)
    card.write_text(
        "---\ntags: [art]\nlicense: mit\nbase_model: runwayml/stable-diffusion-v1-5\n---\n# Anime\n", "utf-8"
    )
    code, data = run(capsys, "lineage", str(tmp_path / "cards"))
    assert code == 1
    (conflict,) = findings(data, "RG301")
    assert (conflict["file"], conflict["line"]) == (str(card), 3)
    assert main(["lint", str(card), "--format", "json"]) == 1
    linted = json.loads(capsys.readouterr().out)["findings"]
    assert [(f["line"], f["col"]) for f in linted if f["code"] == "RG301"] == [(3, 10)]
