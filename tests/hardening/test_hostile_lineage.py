"""Hostile lineage inputs (issue 6), one test each: exit code, message with file and line, no traceback.

What railguard does with each is listed in the issue note; the happy paths live in
``tests/lineage/test_inputs.py``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from railguard.report.lineage_json import as_version_1
from tests.hardening.helpers import assert_ran, assert_refused, run


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return str(path)


def card(tmp_path: Path, model: str, front_matter: str) -> Path:
    path = tmp_path / model / "README.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{front_matter}---\n# A card\n", encoding="utf-8")
    return path


def alias_bomb(levels: int = 9, fanout: int = 9) -> str:
    """Billion laughs: 9 levels of 9 aliases; the 6th line already crosses the bound."""
    lines = [f"l0: &l0 [{', '.join(['x'] * fanout)}]"]
    lines += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * fanout)}]" for i in range(1, levels)]
    return "\n".join(lines) + f"\nbase_model: *l{levels - 1}\n"


# --- cycles -------------------------------------------------------------------------------------------


def test_cycle_of_two_is_a_warning_and_both_models_are_shown(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(
        tmp_path,
        "m.yaml",
        "models:\n  - id: a/a\n    license: mit\n    base_model: a/b\n"
        "  - id: a/b\n    license: mit\n    base_model: a/a\n",
    )
    result = run(capsys, "lineage", path, "--verbose")
    assert_ran(result, 0)
    assert "a/a  (mit)" in result.out
    assert "a/b  (mit)" in result.out
    assert f"{path}:2: RG310 [warning] `a/a` is its own ancestor through `a/b`" in result.out
    data = as_version_1(json.loads(run(capsys, "lineage", path, "--format", "json").out))
    assert {m["id"] for m in data["models"]} == {"a/a", "a/b"}


def test_self_reference_is_a_warning(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path, "m.yaml", "models:\n  - id: s/s\n    license: mit\n    base_model: S/S\n")
    result = run(capsys, "lineage", path, "--verbose")
    assert_ran(result, 0)
    assert "s/s  (mit)" in result.out
    assert f"{path}:2: RG310 [warning] `s/s` names itself as its base model" in result.out


# --- a 20,000-deep chain --------------------------------------------------------------------------------


@pytest.mark.slow
def test_chain_20000_deep(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # NOTE: 20 times Python's recursion limit, so any recursion along the chain fails here, and deep
    # enough that a text tree indented all the way down (quadratic) would break the size bound many times over;
    # the engine alone is run on a 100,000-deep chain in tests/lineage/test_engine.py.
    depth = 20_000
    rows = [json.dumps({"id": "m0", "license": "creativeml-openrail-m"})]
    rows += [
        json.dumps({"id": f"m{i}", "license": "creativeml-openrail-m", "base_model": f"m{i - 1}"})
        for i in range(1, depth - 1)
    ]
    rows.append(json.dumps({"id": f"m{depth - 1}", "license": "mit", "base_model": f"m{depth - 2}"}))
    path = write(tmp_path, "chain.jsonl", "\n".join(rows) + "\n")
    result = run(capsys, "lineage", path, "--format", "json")
    assert_ran(result, 1)
    data = as_version_1(json.loads(result.out))
    assert len(data["models"]) == depth
    (conflict,) = [f for f in data["findings"] if f["code"] == "RG301"]
    assert conflict["model"] == f"m{depth - 1}"
    assert conflict["line"] == depth
    # The text tree stops indenting after a while: its size grows linearly, not with depth squared.
    text = run(capsys, "lineage", path, "--verbose")
    assert_ran(text, 1)
    assert len(text.out) < 400 * depth
    assert f"[depth {depth - 1}] m{depth - 1}  (mit)  ✗ RG301" in text.out


# --- manifests that are not YAML, or YAML of the wrong shape -----------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        pytest.param("models:\n  - id: a\n    license: [unclosed\n", 4, "is not valid YAML", id="unclosed-flow"),
        pytest.param("models:\n\t- id: a\n", 2, "is not valid YAML", id="tab-indent"),
        pytest.param("{{{{ not yaml\n", 2, "is not valid YAML", id="braces"),
        pytest.param("models:\n  - id: a\n---\nmodels: []\n", 3, "is not valid YAML", id="two-documents"),
        pytest.param("models:\n  - id: a\n    x: *nowhere\n", 3, "undefined alias", id="undefined-alias"),
    ],
)
def test_manifest_that_is_not_yaml(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str, line: int, message: str
) -> None:
    path = write(tmp_path, "m.yaml", text)
    assert_refused(run(capsys, "lineage", path), f"{path}:{line}:", message)


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        pytest.param("just a string\n", 1, "expected `models:` followed by a list", id="scalar"),
        pytest.param("", 1, "expected `models:` followed by a list", id="empty-file"),
        pytest.param("models:\n  a: 1\n", 1, "expected `models:` followed by a list", id="models-is-a-mapping"),
        pytest.param("modles:\n  - id: a\n", 1, "expected `models:` followed by a list", id="misspelt-key"),
        pytest.param("models:\n  - id: a\n    license: mit\n  - 42\n", 4, "model 2 is not a mapping", id="item"),
        pytest.param("models:\n  - [a, mit]\n", 2, "model 1 is not a mapping", id="item-list"),
    ],
)
def test_manifest_of_the_wrong_shape(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str, line: int, message: str
) -> None:
    path = write(tmp_path, "m.yaml", text)
    assert_refused(run(capsys, "lineage", path), f"{path}:{line}:", message)


def test_manifest_record_without_id_is_a_finding(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path, "m.yaml", "models:\n  - license: mit\n  - id: [a, b]\n    license: mit\n")
    result = run(capsys, "lineage", path, "--format", "json")
    assert_ran(result, 0)
    assert sorted(f["line"] for f in as_version_1(json.loads(result.out))["findings"] if f["code"] == "RG313") == [2, 3]


def test_manifest_values_that_yaml_cannot_construct(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # a timestamp by YAML's rules that is not a date; an integer too long for Python to convert
    path = write(tmp_path, "m.yaml", "models:\n  - id: a\n    license: mit\n    released: 2024-13-45\n")
    assert_refused(run(capsys, "lineage", path), f"{path}:4:", "cannot read the value: month must be in 1..12")
    path = write(tmp_path, "n.yaml", "models:\n  - id: a\n    license: mit\n    n: " + "9" * 5000 + "\n")
    assert_refused(run(capsys, "lineage", path), f"{path}:4:", "cannot read the value")


def test_manifest_python_tags_are_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path, "m.yaml", "models:\n  - id: !!python/object/apply:os.system [echo hi]\n")
    assert_refused(run(capsys, "lineage", path), f"{path}:2:", "is not valid YAML")


def test_manifest_that_is_binary_or_not_utf8(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_bytes(b"\x00\x01\x02" * 100)
    assert_refused(run(capsys, "lineage", str(path)), str(path), "binary")
    path.write_bytes("models:\n  - id: caf\u00e9\n".encode("latin-1"))
    assert_refused(run(capsys, "lineage", str(path)), f"{path}:2:", "is not UTF-8 text")


def test_manifest_that_is_an_endless_device(capsys: pytest.CaptureFixture[str]) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero on this system")
    assert_refused(run(capsys, "lineage", "/dev/zero"), "/dev/zero", "binary")


def test_manifest_licence_file_missing_names_the_record(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(
        tmp_path, "m.yaml", "models:\n  - id: a\n    license: mit\n  - id: b\n    licence_file: gone/LICENSE\n"
    )
    # RG313 for that record (issue 11: one bad licence file must not stop the run); `a` is still read
    result = run(capsys, "lineage", path, "--format", "json")
    assert_ran(result, 0)
    data = as_version_1(json.loads(result.out))
    (problem,) = [f for f in data["findings"] if f["code"] == "RG313"]
    assert problem["line"] == 4
    assert "the `licence_file` of `b`" in problem["message"]
    assert "no such file" in problem["message"]
    assert {m["id"] for m in data["models"]} == {"a", "b"}


# --- missing files, for every command that reads one ------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(["parse", "{missing}"], "no such file", id="parse"),
        pytest.param(["explain", "{missing}"], "no such file", id="explain"),
        pytest.param(["diff", "{missing}", "mit"], "no such file", id="diff"),
        pytest.param(["compat", "mit", "{missing}"], "no such file", id="compat"),
        pytest.param(["lineage", "{missing}"], "no such file", id="lineage"),
        pytest.param(["lineage", "{missing}", "--exit-zero"], "no such file", id="lineage-exit-zero"),
        pytest.param(["permits", "{missing}", "--use", "weapons"], "no such file", id="permits"),
        pytest.param(
            ["permits", "a/b", "--use", "weapons", "--lineage", "{missing}"], "no such file", id="permits-lineage"
        ),
    ],
)
def test_missing_files_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, args: list[str], message: str
) -> None:
    missing = str(tmp_path / "nowhere" / "LICENSE.md")
    argv = [a.replace("{missing}", missing) for a in args]
    assert_refused(run(capsys, *argv), missing, message)


# --- model cards: alias bombs, deep nesting, values YAML cannot construct -----------------------------------------


@pytest.mark.parametrize(
    ("front_matter", "line", "message"),
    [
        pytest.param("license: mit\n" + alias_bomb(), 8, "aliases expand to more than", id="alias-bomb"),
        pytest.param("license: mit\nx: &a [*a]\n", 3, "refers to a node that contains it", id="recursive-alias"),
        pytest.param(
            "license: mit\nx: " + "[" * 5000 + "]" * 5000 + "\n", 3, "nested more than 100 levels", id="deep-seq"
        ),
        pytest.param("license: mit\nx: " + "{a: " * 300 + "b" + "}" * 300 + "\n", 3, "nested more than", id="deep-map"),
        pytest.param("license: mit\ndate: 2024-02-30\n", 3, "cannot read the value", id="bad-date"),
        pytest.param("license: [oops\n", 3, "is not valid YAML", id="syntax"),
        pytest.param("- just\n- a list\n", 2, "not a mapping", id="list"),
    ],
)
def test_hostile_card_in_a_directory_is_a_finding(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, front_matter: str, line: int, message: str
) -> None:
    card(tmp_path, "good/base", "license: cc-by-nc-4.0\n")
    bad = card(tmp_path, "evil/card", front_matter)
    result = run(capsys, "lineage", str(tmp_path), "--format", "json")
    assert_ran(result, 0)
    data = as_version_1(json.loads(result.out))
    assert [m["id"] for m in data["models"]] == ["good/base"]
    (finding,) = [f for f in data["findings"] if f["code"] == "RG313"]
    assert finding["file"] == str(bad)
    assert finding["line"] == line
    assert message in finding["message"]


def test_alias_bomb_card_given_to_permits_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = card(tmp_path, "evil/card", "license: mit\n" + alias_bomb())
    assert_refused(run(capsys, "permits", str(bad), "--use", "weapons"), f"{bad}:8:", "aliases expand")


def test_alias_bomb_manifest_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    body = "\n".join("    " + line for line in alias_bomb().splitlines())
    path = write(tmp_path, "m.yaml", "models:\n  - id: a\n    license: mit\n" + body + "\n")
    assert_refused(run(capsys, "lineage", path), f"{path}:9:", "aliases expand to more than")


def test_deeply_nested_manifest_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # NOTE: 100,000 levels overflowed libyaml's C composer (a segfault) before the depth bound.
    path = write(tmp_path, "m.yaml", "models:\n  - id: a\n    license: " + "[" * 100_000 + "]" * 100_000 + "\n")
    assert_refused(run(capsys, "lineage", path), f"{path}:3:", "nested more than 100 levels")


def test_card_that_is_huge_or_a_directory(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    card(tmp_path, "good/base", "license: mit\n")
    (tmp_path / "big" / "card").mkdir(parents=True)
    (tmp_path / "big" / "card" / "README.md").write_bytes(b"---\nlicense: mit\n---\n" + b"x" * (3 * 1024 * 1024))
    (tmp_path / "dir" / "card" / "README.md").mkdir(parents=True)
    result = run(capsys, "lineage", str(tmp_path), "--format", "json")
    assert_ran(result, 0)
    problems = sorted(f["message"] for f in as_version_1(json.loads(result.out))["findings"] if f["code"] == "RG313")
    assert len(problems) == 2
    assert "larger than 2 MiB" in problems[0]
    assert "is a directory" in problems[1]


# --- CSV ---------------------------------------------------------------------------------------------------------


def test_csv_quoted_separators(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    text = (
        "id,license,license_name,base_model,base_model_relation\n"
        '"lab/a,b",mit,,,\n'
        'lab/c,other,"Lab licence, v2; final",,\n'
        '"acme/m ""quoted""",apache-2.0,,"lab/a,b;lab/c",merge\n'
    )
    result = run(capsys, "lineage", write(tmp_path, "t.csv", text), "--format", "json")
    assert_ran(result, 0)
    models = {m["id"]: m for m in as_version_1(json.loads(result.out))["models"]}
    assert models['acme/m "quoted"']["base_models"] == ["lab/a,b", "lab/c"]
    assert models["lab/c"]["licence"] == "Lab licence, v2; final"


@pytest.mark.parametrize(
    ("header", "message"),
    [
        pytest.param("name,license", "the CSV header has no `id` column (found: name, license)", id="no-id"),
        pytest.param("id,base_model", "the CSV header has no `license` column", id="no-license"),
        pytest.param("id;license", "the CSV header has no `id` column (found: id;license)", id="semicolons"),
        pytest.param("", "the CSV header has no `id` column (found: nothing)", id="empty"),
    ],
)
def test_csv_missing_columns_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, header: str, message: str
) -> None:
    path = write(tmp_path, "t.csv", f"{header}\nx,mit\n" if header else "")
    assert_refused(run(capsys, "lineage", path), f"{path}:1:", message)


def test_csv_broken_rows_are_findings_and_the_rest_is_read(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    text = (
        "id,license,base_model\n"
        "lab/nc,cc-by-nc-4.0,\n"  # 2
        "lab/extra,mit,,surplus\n"  # 3: more fields than the header
        ",mit,\n"  # 4: no id
        f'lab/huge,"{"x" * 200_000}",\n'  # 5: a field over the csv module's limit
        "acme/q,apache-2.0,lab/nc\n"  # 6
        '"lab/open,mit,\n'  # 7: a quote never closed swallows the rest (reported where it opens)
        "lab/lost,mit,\n"
    )
    result = run(capsys, "lineage", write(tmp_path, "t.csv", text), "--format", "json")
    assert_ran(result, 1)
    data = as_version_1(json.loads(result.out))
    assert sorted(m["id"] for m in data["models"]) == ["acme/q", "lab/nc"]
    bad = {f["line"]: f["message"] for f in data["findings"] if f["code"] == "RG313"}
    assert sorted(bad) == [3, 4, 5, 7]
    assert "more fields than the header" in bad[3]
    assert "no model `id`" in bad[4]
    assert "field larger than field limit" in bad[5]
    assert "spans lines (an unclosed quote?)" in bad[7]
    assert any(f["code"] == "RG304" and f["model"] == "acme/q" for f in data["findings"])


# --- JSONL -------------------------------------------------------------------------------------------------------


def test_jsonl_bad_lines_are_reported_with_their_numbers(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "lab/nc", "license": "cc-by-nc-4.0"}),  # 1
        "{not json",  # 2
        "",  # 3: blank, skipped
        "[" * 100_000 + "]" * 100_000,  # 4: nested past the JSON decoder's recursion limit
        json.dumps([1, 2]),  # 5
        json.dumps({"license": "mit"}),  # 6
        json.dumps({"id": "q/gguf", "license": "apache-2.0", "base_model": "lab/nc"}),  # 7
    ]
    path = write(tmp_path, "t.jsonl", "\ufeff" + "\n".join(lines) + "\n")
    result = run(capsys, "lineage", path, "--format", "json")
    assert_ran(result, 1)
    data = as_version_1(json.loads(result.out))
    bad = {f["line"]: f["message"] for f in data["findings"] if f["code"] == "RG313"}
    assert sorted(bad) == [2, 4, 5, 6]
    assert "is not JSON" in bad[2]
    assert "nested too deeply" in bad[4]
    assert "not a JSON object" in bad[5]
    assert "no model `id`" in bad[6]
    assert any(f["code"] == "RG304" and f["model"] == "q/gguf" for f in data["findings"])


def test_jsonl_table_binary_or_not_utf8_is_refused_with_its_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # NOTE: the table is streamed line by line: a byte that is not UTF-8 late in it still stops the
    # run (exit 2) with its line, as for a file read whole.
    path = tmp_path / "t.jsonl"
    path.write_bytes(b"\x00\x01\x02" * 100)
    assert_refused(run(capsys, "lineage", str(path)), str(path), "binary")
    good = json.dumps({"id": "lab/nc", "license": "cc-by-nc-4.0"}).encode()
    path.write_bytes(good + b"\n" + good + b"\n" + '{"id": "caf\u00e9", "license": "mit"}\n'.encode("latin-1"))
    assert_refused(run(capsys, "lineage", str(path)), f"{path}:3:", "is not UTF-8 text")


def test_jsonl_line_endings_blank_lines_and_null(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "t.jsonl"
    rows = [
        json.dumps({"id": "lab/nc", "license": "cc-by-nc-4.0"}),  # 1
        "\u00a0 ",  # 2: blank (a no-break space), skipped
        "null",  # 3
        json.dumps({"id": "q/gguf", "license": "apache-2.0", "base_model": "lab/nc"}),  # 4
    ]
    path.write_bytes("\ufeff".encode() + "\r\n".join(rows).encode() + b"\r\n\r\n")
    result = run(capsys, "lineage", str(path), "--format", "json")
    assert_ran(result, 1)
    data = as_version_1(json.loads(result.out))
    assert {f["line"]: f["code"] for f in data["findings"] if f["code"] == "RG313"} == {3: "RG313"}
    assert any(f["code"] == "RG304" and f["model"] == "q/gguf" and f["line"] == 4 for f in data["findings"])
    assert [m["id"] for m in data["models"]] == ["lab/nc", "q/gguf"]


@pytest.mark.parametrize("fmt", ["text", "github", "sarif"])
def test_control_characters_of_an_unknown_licence_name_are_escaped(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str
) -> None:
    # NOTE: the RG308 and RG319 messages quote the licence name the input declares; the models built
    # on it share one situation, whose text block is cut once: neither may print an escape sequence.
    rows = [{"id": "a/root", "license": "x\x1b[31my\x00z"}]
    rows += [{"id": f"a/c{n}", "license": "mit", "base_model": "a/root"} for n in range(4)]
    path = tmp_path / "t.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    result = run(capsys, "lineage", str(path), "--format", fmt, "--fail-on", "info")
    assert_ran(result, 1)  # warnings fail at --fail-on info
    assert "\x1b" not in result.out
    assert "\x00" not in result.out
    shown = result.out
    if fmt == "sarif":
        shown = "\n".join(r["message"]["text"] for r in json.loads(result.out)["runs"][0]["results"])
        assert "\x1b" not in shown
        assert "\x00" not in shown
    assert shown.count("x\\x1b[31my\\x00z") >= (5 if fmt == "text" else 1)


def test_jsonl_lone_surrogate_is_printed_escaped(tmp_path: Path) -> None:
    # NOTE: a JSON `\ud800` escape decodes to a string no encoding can write; it must not crash output.
    import subprocess
    import sys

    path = write(tmp_path, "t.jsonl", '{"id": "a\\ud800", "license": "mit"}\n')
    for fmt in ("text", "json"):
        proc = subprocess.run(
            [sys.executable, "-m", "railguard", "lineage", path, "--format", fmt, "--verbose"],
            capture_output=True,
            timeout=120,
            check=False,
        )
        assert proc.returncode == 0, proc.stderr
        assert b"Traceback" not in proc.stderr
        assert b"a\\ud800" in proc.stdout


def test_repeated_model_id_is_reported_not_silently_dropped(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "m.yaml",
        "models:\n  - id: a/base\n    license: creativeml-openrail-m\n"
        "  - id: a/x\n    license: creativeml-openrail-m\n    base_model: a/base\n"
        "  - id: A/X\n    license: mit\n    base_model: a/base\n",
    )
    result = run(capsys, "lineage", path)
    assert_ran(result, 0)
    assert f"{path}:7: RG313 [warning] model `A/X` is declared again (first at line 4); this record is skipped" in (
        result.out
    )
