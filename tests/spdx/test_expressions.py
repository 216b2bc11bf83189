"""Licence expressions: every form, read into Declared, and its verdict and explanation in `compat`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from railguard.catalogue import load_catalogue
from railguard.cli import main
from railguard.expression.parser import MAX_ALTERNATIVES, parse_licence
from railguard.expression.versions import or_later, series_of
from railguard.report.lineage_json import as_version_1


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict]:
    code = main(["compat", *args, "--format", "json"])
    out, _ = capsys.readouterr()
    return code, json.loads(out) if out else {}


def codes(body: dict) -> list[str]:
    return [f["code"] for f in body["findings"]]


# --- reading: text to Declared ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "alternatives"),
    [
        ("mit", (("mit",),)),
        ("MIT OR Apache-2.0", (("mit",), ("apache-2.0",))),
        ("Apache-2.0 AND CC-BY-4.0", (("apache-2.0", "cc-by-4.0"),)),
        ("(MIT OR Apache-2.0) AND CC-BY-4.0", (("mit", "cc-by-4.0"), ("apache-2.0", "cc-by-4.0"))),
        ("MIT AND MIT", (("mit",),)),
        ("GPL-2.0-or-later", (("gpl-2.0",), ("gpl-3.0",))),
        ("GPL-2.0+", (("gpl-2.0",), ("gpl-3.0",))),
        ("gpl-2.0-plus", (("gpl-2.0",), ("gpl-3.0",))),
        ("LGPL-2.1-or-later", (("lgpl-2.1",), ("lgpl-3.0",))),
        ("AGPL-3.0-or-later", (("agpl-3.0",),)),
        ("CC-BY-SA-3.0+", (("cc-by-sa-3.0",), ("cc-by-sa-4.0",))),
        ("CC-BY-2.5+", (("cc-by-2.5",), ("cc-by-3.0",), ("cc-by-4.0",))),
        ("GFDL-1.3-or-later", (("gfdl",),)),
        ("GFDL-1.2-or-later", (("gfdl",),)),
        ("GFDL-1.3", (("gfdl",),)),
        ("GFDL-1.3-only", (("gfdl",),)),
        ("GFDL-1.2", (("gfdl",),)),
        ("GFDL-1.3-no-invariants-only", (("gfdl",),)),
        ("LGPL-2.0-only", (("lgpl",),)),
        ("CC-BY-SA-3.0-only", (("cc-by-sa-3.0",),)),
        ("GNU General Public License v2.0 or later", (("gpl-2.0",), ("gpl-3.0",))),
        ("LicenseRef-scancode-stable-diffusion-2022-08-22", (("creativeml-openrail-m",),)),
        ("LicenseRef-scancode-gpl-2.0-plus", (("gpl-2.0",), ("gpl-3.0",))),
        ("GPL-2.0-only WITH Classpath-exception-2.0", (("gpl-2.0 WITH classpath-exception-2.0",),)),
        (
            "GPL-2.0+ WITH Classpath-exception-2.0",
            (("gpl-2.0 WITH classpath-exception-2.0",), ("gpl-3.0 WITH classpath-exception-2.0",)),
        ),
        ("Apache-2.0 WITH LLVM-exception", (("apache-2.0 WITH llvm-exception",),)),
        ("apache 2.0 and mit", (("apache-2.0", "mit"),)),
        ("openrail++", (("openrail++",),)),
    ],
)
def test_reads_each_form(text: str, alternatives: tuple[tuple[str, ...], ...]) -> None:
    parsed = parse_licence(text)
    assert parsed.error is None
    assert parsed.declared.alternatives == alternatives
    assert str(parsed.declared) == text


@pytest.mark.parametrize("text", ["MIT-only", "AGPL-1.0", "Foo-1.0-only", "BSD-5-Clause"])
def test_only_and_versions_do_not_make_up_licences(text: str) -> None:
    # `-only` names one version of a versioned licence; a series with no family entry stays unknown
    assert parse_licence(text).unknown == (text,)


@pytest.mark.parametrize("spelling", ["GFDL-1.3", "GFDL-1.3-only", "GFDL-1.2", "GFDL-1.3-or-later"])
def test_every_spelling_of_a_version_gets_the_same_lineage_verdict(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, spelling: str
) -> None:
    manifest = tmp_path / "m.yaml"
    manifest.write_text(
        f"models:\n  - id: a/doc\n    license: {spelling}\n  - id: a/tune\n    license: mit\n    base_model: a/doc\n",
        encoding="utf-8",
    )
    assert main(["lineage", str(manifest), "--format", "json"]) == 1
    findings = as_version_1(json.loads(capsys.readouterr()[0]))["findings"]
    assert {(f["model"], f["code"]) for f in findings if f["severity"] == "error"} == {("a/tune", "RG302")}


def test_every_name_read_resolves_in_the_catalogue() -> None:
    catalogue = load_catalogue()
    for text in ("GPL-2.0-only WITH Classpath-exception-2.0", "Apache-2.0 WITH LLVM-exception", "CC-BY-2.5+"):
        for name in parse_licence(text).declared.names:
            assert catalogue.find(name) is not None, name


def test_noassertion_and_none_declare_nothing() -> None:
    assert parse_licence("NOASSERTION").declared.empty
    assert parse_licence("NONE").declared.empty


def test_an_unknown_name_is_kept_as_written() -> None:
    parsed = parse_licence("Foo-1.0 OR MIT")
    assert parsed.declared.alternatives == (("Foo-1.0",), ("mit",))
    assert parsed.unknown == ("Foo-1.0",)


def test_lower_case_words_that_name_nothing_stay_one_name() -> None:
    # a licence called "Terms and Conditions" is not the expression `Terms AND Conditions`
    parsed = parse_licence("Terms and Conditions")
    assert parsed.declared.alternatives == (("Terms and Conditions",),)
    assert parsed.error is None


@pytest.mark.parametrize("text", ["MIT OR", "MIT AND (Apache-2.0", "WITH MIT", "GPL-2.0-only WITH", "MIT OR a/b"])
def test_a_broken_expression_is_an_error_and_one_unknown_name(text: str) -> None:
    parsed = parse_licence(text)
    assert parsed.error
    assert parsed.declared.alternatives == ((text,),)


def test_an_exploding_expression_is_refused() -> None:
    text = " AND ".join(f"(MIT OR Apache-2.0 OR BSD-{i}-Clause)" for i in range(2, 8))
    assert MAX_ALTERNATIVES < 3**6
    assert "alternatives" in (parse_licence(text).error or "")


def test_deep_nesting_is_an_error_not_a_crash() -> None:
    parsed = parse_licence("(" * 5000 + "MIT" + ")" * 5000)
    assert parsed.error is not None or parsed.declared.alternatives == (("mit",),)


def test_control_characters_are_not_echoed_raw() -> None:
    parsed = parse_licence("MIT OR \x1b[31mred")
    assert parsed.error is not None
    assert "\x1b" not in parsed.error


def test_or_later_follows_the_catalogue_not_a_list_in_code() -> None:
    # the rule reads series from ids: every versioned series expands to its later members
    catalogue = load_catalogue()
    expanded = 0
    for licence in catalogue:
        later = or_later(catalogue, licence)
        assert later[0] == licence.id
        for other in later[1:]:
            this, that = series_of(licence.id), series_of(other)
            assert this is not None
            assert that is not None
            assert that[0] == this[0]
            assert that[1] > this[1]
            expanded += 1
    assert expanded >= 10


@given(st.lists(st.sampled_from(["mit", "apache-2.0", "gpl-3.0", "cc-by-4.0", "llama3.1"]), min_size=1, max_size=4))
def test_or_of_names_is_each_name_once(names: list[str]) -> None:
    parsed = parse_licence(" OR ".join(names))
    assert parsed.declared.alternatives == tuple((n,) for n in dict.fromkeys(names))


@given(st.lists(st.sampled_from(["mit", "apache-2.0", "gpl-3.0", "cc-by-4.0", "llama3.1"]), min_size=1, max_size=4))
def test_and_of_names_is_one_conjunction(names: list[str]) -> None:
    parsed = parse_licence(" AND ".join(names))
    assert parsed.declared.alternatives == (tuple(dict.fromkeys(names)),)


@given(st.text(max_size=80))
def test_any_text_reads_without_raising(text: str) -> None:
    parsed = parse_licence(text)
    assert parsed.error is None or isinstance(parsed.error, str)


@pytest.mark.parametrize("text", ["()", "( )", "(())", "mit AND ()", "() OR apache-2.0"])
def test_an_empty_group_is_unreadable_not_a_crash(text: str, capsys: pytest.CaptureFixture[str]) -> None:
    # found by the property above: the dependency's parser raised IndexError on `()`
    parsed = parse_licence(text)
    assert parsed.error is not None
    assert "parentheses" in parsed.error
    assert main(["compat", text, "mit"]) == 2
    assert "internal error" not in capsys.readouterr().err


# --- verdicts: `railguard compat` ---------------------------------------------------------------


def test_or_later_derivative_is_compatible_through_the_later_version(capsys: pytest.CaptureFixture[str]) -> None:
    # GPL-2.0-only cannot take Apache-2.0's patent term (RG317); the or-later grant reaches GPL-3.0, which can
    code, body = run(capsys, "apache-2.0", "GPL-2.0-or-later")
    assert code == 0
    assert body["compatible"] is True
    assert body["derivative_choices"] == ["gpl-3.0"]
    (choice,) = body["findings"]
    assert choice["code"] == "RG350"
    assert "`gpl-3.0`" in choice["message"]
    assert "RG317" in choice["message"]


def test_or_later_is_not_the_only_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, body = run(capsys, "apache-2.0", "GPL-2.0-only")
    assert code == 1
    assert codes(body) == ["RG317"]


def test_upstream_choice_names_the_choice_that_works(capsys: pytest.CaptureFixture[str]) -> None:
    code, body = run(capsys, "GPL-2.0-only OR Apache-2.0", "mit")
    assert code == 0
    assert body["upstream_choice"] == "apache-2.0"
    assert codes(body) == ["RG350"]
    assert "compatible if you take `apache-2.0`" in body["findings"][0]["message"]


def test_upstream_choice_with_no_choice_that_works(capsys: pytest.CaptureFixture[str]) -> None:
    code, body = run(capsys, "GPL-3.0-only OR CC-BY-SA-4.0", "mit")
    assert code == 1
    assert body["compatible"] is False
    assert body["upstream_choice"] is None
    assert sorted(set(codes(body))) == ["RG302"]
    assert {f["licence"] for f in body["findings"]} == {"mit"}
    assert len(body["findings"]) == 2  # one for each choice


def test_upstream_conjunction_binds_both(capsys: pytest.CaptureFixture[str]) -> None:
    code, body = run(capsys, "MIT AND CC-BY-NC-4.0", "apache-2.0")
    assert code == 1
    assert codes(body) == ["RG304"]
    assert body["missing_restrictions"] == ["non-commercial"]


def test_derivative_choice_must_honour_a_flow_down_in_every_choice(capsys: pytest.CaptureFixture[str]) -> None:
    # offering MIT beside the RAIL licence lets recipients drop the use restrictions
    code, body = run(capsys, "creativeml-openrail-m", "MIT OR CreativeML-OpenRAIL-M")
    assert code == 1
    assert codes(body) == ["RG301"]
    assert body["findings"][0]["licence"] == "mit"


def test_derivative_conjunction_carries_the_restrictions_of_either(capsys: pytest.CaptureFixture[str]) -> None:
    code, body = run(capsys, "creativeml-openrail-m", "MIT AND CreativeML-OpenRAIL-M")
    assert code == 0
    assert body["findings"] == []


def test_derivative_conjunction_stays_non_commercial(capsys: pytest.CaptureFixture[str]) -> None:
    code, body = run(capsys, "cc-by-nc-4.0", "CC-BY-NC-4.0 AND MIT")
    assert code == 0
    code, body = run(capsys, "cc-by-nc-4.0", "Apache-2.0 AND MIT")
    assert code == 1
    assert codes(body) == ["RG304"]


def test_derivative_conjunction_needs_each_licence_to_take_the_upstream(capsys: pytest.CaptureFixture[str]) -> None:
    code, body = run(capsys, "apache-2.0", "GPL-2.0-only AND MIT")
    assert code == 1
    assert codes(body) == ["RG317"]


def test_derivative_conjunction_of_irreconcilable_licences(capsys: pytest.CaptureFixture[str]) -> None:
    code, body = run(capsys, "mit", "GPL-3.0-only AND CreativeML-OpenRAIL-M")
    assert code == 1
    assert codes(body) == ["RG303"]


def test_llvm_exception_lets_apache_code_into_gpl_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, body = run(capsys, "Apache-2.0 WITH LLVM-exception", "GPL-2.0-only")
    assert code == 0
    assert codes(body) == ["RG353"]
    # the waiver is for GPL-2.0 only: LGPL-2.1 still refuses the patent term
    code, body = run(capsys, "Apache-2.0 WITH LLVM-exception", "LGPL-2.1-only")
    assert code == 1
    assert sorted(codes(body)) == ["RG317", "RG353"]


def test_classpath_exception_frees_linking_works_not_derivatives(capsys: pytest.CaptureFixture[str]) -> None:
    code, body = run(capsys, "GPL-2.0-only WITH Classpath-exception-2.0", "mit")
    assert code == 1
    assert sorted(codes(body)) == ["RG302", "RG355"]
    # the exception may be dropped from a modified version: GPL-2.0 alone is fine
    code, body = run(capsys, "GPL-2.0-only WITH Classpath-exception-2.0", "GPL-2.0-only")
    assert code == 0
    assert codes(body) == ["RG355"]
    # but GPL-2.0-only code cannot be given the extra permission
    code, body = run(capsys, "GPL-2.0-only", "GPL-2.0-only WITH Classpath-exception-2.0")
    assert code == 1
    assert "RG302" in codes(body)


@pytest.mark.parametrize(
    "expression", ["GCC-exception-3.1", "Autoconf-exception-3.0", "Bison-exception-2.2", "Font-exception-2.0"]
)
def test_other_gnu_exceptions_are_known(capsys: pytest.CaptureFixture[str], expression: str) -> None:
    code, body = run(capsys, f"GPL-3.0-only WITH {expression}", "GPL-3.0-only")
    assert code == 0
    assert codes(body) == ["RG355"]


def test_gcc_2_and_linux_syscall_note_attach_to_gpl_2(capsys: pytest.CaptureFixture[str]) -> None:
    for exception in ("GCC-exception-2.0", "Linux-syscall-note"):
        code, body = run(capsys, f"GPL-2.0-only WITH {exception}", "GPL-2.0-only")
        assert code == 0
        assert codes(body) == ["RG355"]


def test_unknown_exception_is_a_warning_and_the_licence_is_read_alone(capsys: pytest.CaptureFixture[str]) -> None:
    code, body = run(capsys, "GPL-3.0-only WITH Made-up-exception", "mit")
    assert code == 1
    assert sorted(codes(body)) == ["RG302", "RG351"]


def test_exception_on_the_wrong_licence_is_not_applied(capsys: pytest.CaptureFixture[str]) -> None:
    code, body = run(capsys, "MIT WITH Classpath-exception-2.0", "apache-2.0")
    assert code == 0
    assert codes(body) == ["RG352"]


def test_licenseref_scancode_resolves_like_the_key(capsys: pytest.CaptureFixture[str]) -> None:
    code, body = run(capsys, "LicenseRef-scancode-stable-diffusion-2022-08-22", "mit")
    assert code == 1
    assert body["upstream"] == "creativeml-openrail-m"
    assert codes(body) == ["RG301"]


def test_text_output_says_which_choice(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["compat", "apache-2.0", "GPL-2.0-or-later"])
    out, _ = capsys.readouterr()
    assert code == 0
    assert out.splitlines()[0] == "apache-2.0 -> GPL-2.0-or-later (gpl-2.0 OR gpl-3.0): compatible"
    assert "RG350 [info] compatible if the derivative is taken under `gpl-3.0`" in out


@pytest.mark.parametrize(
    ("argument", "message"),
    [
        ("MIT OR", "is not a valid licence expression"),
        ("Foo-1.0 OR MIT", "unknown licence `Foo-1.0`"),
        ("NOASSERTION", "declares no licence"),
    ],
)
def test_a_bad_expression_argument_exits_2(capsys: pytest.CaptureFixture[str], argument: str, message: str) -> None:
    code = main(["compat", "mit", argument])
    _, err = capsys.readouterr()
    assert code == 2
    assert message in err


def test_explain_refuses_a_choice_and_takes_a_single_licence(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "GPL-2.0-or-later"]) == 2
    assert "names more than one licence (gpl-2.0 OR gpl-3.0)" in capsys.readouterr().err
    assert main(["explain", "Apache-2.0 WITH LLVM-exception"]) == 0
    assert capsys.readouterr().out.startswith("Apache License, Version 2.0 with the LLVM Exceptions")


@pytest.mark.slow
def test_compat_with_a_plain_id_does_not_import_the_expression_library() -> None:
    probe = (
        "import sys; from railguard.cli import main; main(['compat', 'mit', 'apache-2.0']); "
        "sys.stderr.write(str('license_expression' in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False)
    assert done.stderr.strip().endswith("False")


@pytest.mark.slow
def test_an_or_later_name_does_not_import_the_expression_library() -> None:
    # `-or-` inside a name is not the operator OR
    probe = (
        "import sys; from railguard.cli import main; main(['compat', 'apache-2.0', 'GPL-2.0-or-later']); "
        "sys.stderr.write(str('license_expression' in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False)
    assert done.stderr.strip().endswith("False")


@pytest.mark.parametrize("upstream", ["GPL-2.0-with-classpath-exception", "GPL-2.0-only WITH Classpath-exception-2.0"])
def test_the_deprecated_with_id_reads_as_the_with_form(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, upstream: str
) -> None:
    code, body = run(capsys, upstream, "mit")
    assert code == 1
    assert sorted(codes(body)) == ["RG302", "RG355"]
    manifest = tmp_path / "m.yaml"
    manifest.write_text(
        f"models:\n  - id: a/lib\n    license: {upstream}\n  - id: a/tune\n    license: mit\n    base_model: a/lib\n",
        encoding="utf-8",
    )
    assert main(["lineage", str(manifest), "--format", "json"]) == 1
    findings = as_version_1(json.loads(capsys.readouterr()[0]))["findings"]
    # lineage adds the GPL's own copy-and-notices duty (RG307), which `compat` leaves out
    assert sorted(f["code"] for f in findings) == ["RG302", "RG307", "RG355"]


def test_a_choice_that_works_every_way_needs_no_note(capsys: pytest.CaptureFixture[str]) -> None:
    code, body = run(capsys, "MIT OR Apache-2.0", "mit")
    assert (code, codes(body)) == (0, [])
    assert body["upstream_choice"] == "mit"  # the first choice that works
    code, body = run(capsys, "GPL-2.0-only OR Apache-2.0", "mit")
    assert (code, codes(body)) == (0, ["RG350"])


@pytest.mark.parametrize(
    ("name", "suggested"),
    [
        ("LicenseRef-my-company-licence", []),
        ("Foo-1.0", []),
        ("LicenseRef-scancode-apach-2.0", ["apache-2.0"]),
        ("apach-2.0", ["apache-2.0"]),
    ],
)
def test_suggestions_only_for_names_close_to_a_known_one(
    capsys: pytest.CaptureFixture[str], name: str, suggested: list[str]
) -> None:
    assert main(["compat", name, "mit"]) == 2
    err = capsys.readouterr()[1]
    if suggested:
        assert all(f"`{s}`" in err for s in suggested)
    else:
        assert "did you mean" not in err
