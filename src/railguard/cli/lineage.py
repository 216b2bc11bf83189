"""``railguard compat`` and ``railguard lineage``: inheritance and conflicts along derivation chains."""

from __future__ import annotations

import heapq
from dataclasses import replace

import click

from railguard.catalogue import load_catalogue
from railguard.cli.exitcodes import ExitCode
from railguard.cli.options import OutputFormat, format_option
from railguard.model import Finding, Licence, Severity
from railguard.report.jsonout import document

FAIL_ON = click.option(
    "--fail-on",
    type=click.Choice([s.value for s in Severity]),
    default=Severity.ERROR.value,
    show_default=True,
    help="Exit 1 when a finding of this severity or worse is reported.",
)
EXIT_ZERO = click.option("--exit-zero", is_flag=True, help="Exit 0 even with findings (never hides exit 2).")


def _exit(findings: tuple[Finding, ...], fail_on: str, exit_zero: bool) -> int:
    threshold = Severity(fail_on).rank
    failing = any(f.severity.rank >= threshold for f in findings)
    return ExitCode.FINDINGS if failing and not exit_zero else ExitCode.OK


def _licence(name: str) -> Licence:
    """A catalogue licence, or a licence text file parsed into one."""
    from railguard.resolve import resolve_licence

    return resolve_licence(name)


@click.command()
@click.argument("upstream")
@click.argument("derivative")
@format_option(OutputFormat.TEXT, OutputFormat.JSON, OutputFormat.SARIF)
@FAIL_ON
@EXIT_ZERO
def compat(upstream: str, derivative: str, output_format: str, fail_on: str, exit_zero: bool) -> int:
    """May a derivative of a work under UPSTREAM be released under DERIVATIVE?

    Both are licence ids, aliases or licence text files. Exits 0 when compatible, 1 on a
    conflict (an error finding, or worse than --fail-on).
    """
    from railguard.lineage.engine import check_edge
    from railguard.lineage.terms import terms_of
    from railguard.report.lineage import finding_line

    up, down = _licence(upstream), _licence(derivative)
    findings = check_edge(up, down)
    compatible = not any(f.severity is Severity.ERROR for f in findings)
    terms = terms_of(up)
    missing = sorted(terms.categories - down.categories) if terms.flow_down and up.id != down.id else []
    if terms.non_commercial and down.commercial is True and "non-commercial" not in missing:
        missing.append("non-commercial")
    if output_format == OutputFormat.SARIF.value:
        from railguard.report.sarif import sarif_document

        click.echo(sarif_document(findings), nl=False)
    elif output_format == OutputFormat.JSON.value:
        body = {
            "upstream": up.id,
            "derivative": down.id,
            "compatible": compatible,
            "missing_restrictions": missing,
            "findings": [f.to_json() for f in findings],
        }
        click.echo(document(**body), nl=False)
    else:
        verdict = "compatible" if compatible else "NOT compatible"
        click.echo(f"{up.id} -> {down.id}: {verdict}")
        for finding in findings:
            click.echo("  " + finding_line(finding))
            if finding.hint:
                click.echo(f"    hint: {finding.hint}")
    return _exit(findings, fail_on, exit_zero)


@click.command()
@click.argument("path", type=click.Path(path_type=str))
@format_option(OutputFormat.TEXT, OutputFormat.JSON, OutputFormat.SARIF, OutputFormat.MERMAID)
@FAIL_ON
@EXIT_ZERO
@click.option(
    "--no-known-models", is_flag=True, help="Do not resolve base models through the table of well-known models."
)
def lineage(path: str, output_format: str, fail_on: str, exit_zero: bool, no_known_models: bool) -> int:
    """Check a whole derivation graph: every edge, every merge, what each model inherits.

    PATH is a YAML manifest (`models:` list), a JSONL or CSV table (id, license,
    base_model, base_model_relation; CSV base models separated by `;`), or a directory
    of model cards (`<org>/<name>/README.md`).
    """
    from railguard.lineage.engine import check_lineage
    from railguard.lineage.known import known_models
    from railguard.lineage.loaders import load_lineage
    from railguard.report.lineage import lineage_json, lineage_text, summary

    loaded = load_lineage(path)
    result = check_lineage(loaded.entries, load_catalogue(), {} if no_known_models else known_models(), loaded.licences)
    # NOTE: the engine's findings are already sorted; merge in the few loader findings.
    findings = tuple(heapq.merge(result.findings, sorted(loaded.findings, key=Finding.sort_key), key=Finding.sort_key))
    result = replace(result, findings=findings)
    if output_format == OutputFormat.SARIF.value:
        from railguard.report.sarif import sarif_document

        click.echo(sarif_document(findings), nl=False)
    elif output_format == OutputFormat.MERMAID.value:
        from railguard.report.mermaid import lineage_mermaid

        click.echo(lineage_mermaid(result), nl=False)
    elif output_format == OutputFormat.JSON.value:
        body = lineage_json(result)
        click.echo(document(**body), nl=False)
    else:
        click.echo(lineage_text(result), nl=False)
        click.echo(f"{len(result.models)} models: {summary(findings)}", err=True)
    return _exit(findings, fail_on, exit_zero)


def _governing_of(model: str, lineage_path: str | None) -> tuple[str, list[Licence], list[str]]:
    """Resolve MODEL to the licences that govern it: (label, licences, unknown licence names)."""
    from pathlib import Path

    from railguard.errors import InputError
    from railguard.lineage.engine import check_lineage
    from railguard.lineage.known import known_models
    from railguard.lineage.loaders import Loaded, add_record, load_lineage

    catalogue = load_catalogue()
    known = known_models()
    loaded: Loaded | None = None
    if lineage_path is not None:
        loaded = load_lineage(lineage_path)
        wanted = model.lower()
        if not any(e.id.lower() == wanted for e in loaded.entries) and wanted not in known:
            raise InputError(f"model `{model}` is not in the lineage", path=lineage_path)
    elif catalogue.find(model) is not None:
        licence = catalogue.get(model)
        return licence.id, [licence], []
    elif model.lower() in known:
        loaded = Loaded()
    elif Path(model).is_file() and Path(model).suffix.lower() in (".md", ".markdown"):
        from railguard.lineage.cards import read_card

        record, problem, line = read_card(Path(model))
        if problem is not None:
            raise InputError(problem, path=model, line=line)
        record["id"] = record.get("model_name") or Path(model).parent.name or model
        loaded = Loaded()
        add_record(record, model, 1, Path(model).parent, loaded)
        model = loaded.entries[0].id
    elif Path(model).exists():
        licence = _licence(model)
        return model, [licence], []
    else:
        from railguard.resolve import looks_like_path

        if looks_like_path(model):
            raise InputError("no such file", path=model)
        if "/" in model:
            # NOTE: `org/name` is a model id; suggest well-known models before licence names.
            import difflib

            close = [known[k].id for k in difflib.get_close_matches(model.lower(), list(known), n=3, cutoff=0.8)]
            if close or not catalogue.suggest(model):
                hint = f"did you mean {', '.join(f'`{c}`' for c in close)}?" if close else "give its --lineage PATH"
                raise InputError(f"`{model}` is not a licence, a file or a well-known model; {hint}")
        catalogue.get(model)  # unknown: raises with "did you mean"
    assert loaded is not None
    if not any(e.id.lower() == model.lower() for e in loaded.entries) and model.lower() in known:
        # the subject is itself a well-known model: the engine only adds those as ancestors
        loaded.entries.append(known[model.lower()])
    result = check_lineage(loaded.entries, catalogue, known, loaded.licences)
    found = next(m for m in result.models if m.id.lower() == model.lower())
    licences: list[Licence] = []
    unknown: list[str] = []
    for name in found.governing_licences:
        governing = loaded.licences.get(name) or catalogue.find(name)
        if governing is None:
            unknown.append(name)
        else:
            licences.append(governing)
    if found.licence is None or (catalogue.find(found.licence) is None and found.licence not in loaded.licences):
        unknown.append(found.licence or "(no licence)")
    return found.id, licences, sorted(set(unknown))


@click.command()
@click.argument("model")
@click.option(
    "--use",
    "use",
    required=True,
    metavar="CATEGORY",
    help="The intended use, as a restriction category (`railguard categories`).",
)
@click.option("--commercial", is_flag=True, help="The use is commercial.")
@click.option("--lineage", "lineage_path", type=click.Path(path_type=str), help="Look MODEL up in this lineage input.")
@format_option(OutputFormat.TEXT, OutputFormat.JSON)
def permits(model: str, use: str, commercial: bool, lineage_path: str | None, output_format: str) -> int:
    """May MODEL be used for CATEGORY (commercially, with --commercial), given all it inherits?

    MODEL is a licence id or alias, a licence text file, a model card (README.md), a
    well-known model id (`meta-llama/Llama-3.1-8B`), or a model id inside --lineage PATH.
    Exits 0 when permitted, 1 when not (or when it cannot be established).
    """
    from railguard.errors import InputError
    from railguard.lineage.permits import check_permits

    categories = load_catalogue().categories
    if use not in categories:
        import difflib

        close = difflib.get_close_matches(use, list(categories), n=3)
        hint = f"; did you mean {', '.join(f'`{c}`' for c in close)}?" if close else "; run `railguard categories`"
        raise InputError(f"unknown use category `{use}`{hint}")
    subject, licences, unknown = _governing_of(model, lineage_path)
    result = check_permits(subject, licences, use, commercial, unknown)
    if output_format == OutputFormat.JSON.value:
        body = {
            "model": subject,
            "use": use,
            "commercial": commercial,
            "permitted": result.permitted,
            "governing_licences": list(result.governing),
            "findings": [f.to_json() for f in result.findings],
        }
        click.echo(document(**body), nl=False)
    else:
        from railguard.report.lineage import finding_line

        how = "commercial " if commercial else ""
        verdict = "permitted" if result.permitted else "NOT permitted"
        click.echo(f"{subject}: {how}use for `{use}` is {verdict}")
        click.echo(f"  governed by: {', '.join(result.governing) or 'no known licence'}")
        for finding in result.findings:
            click.echo("  " + finding_line(finding))
            if finding.hint:
                click.echo(f"    hint: {finding.hint}")
    return ExitCode.OK if result.permitted else ExitCode.FINDINGS
