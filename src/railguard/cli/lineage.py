"""``railguard compat`` and ``railguard lineage``: inheritance and conflicts along derivation chains."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from railguard.cli.exitcodes import ExitCode
from railguard.cli.options import CONFIG, EXIT_ZERO, FAIL_ON, MAX_RESULTS, QUIET, emit, exit_code, format_option

if TYPE_CHECKING:
    from railguard.lineage.hub import HubOptions
    from railguard.model.declared import Declared
    from railguard.settings import LintConfig

F = TypeVar("F", bound=Callable[..., Any])


def hub_options(command: F) -> F:
    """``--hub`` and its bounds: look unknown base models up on the Hugging Face Hub."""
    command = click.option(
        "--hub-max-age",
        default="7d",
        show_default=True,
        envvar="RAILGUARD_HUB_MAX_AGE",
        metavar="DURATION",
        help="Reuse cached Hub answers this long (7d, 12h, 0 to ask again); refusals at most 1d.",
    )(command)
    command = click.option(
        "--hub-max-lookups",
        type=click.IntRange(min=0),
        default=100,
        show_default=True,
        metavar="N",
        help="Look up at most N models on the Hub in one run.",
    )(command)
    return click.option(
        "--hub",
        is_flag=True,
        help="Look up on the Hugging Face Hub the base models that are neither in the input nor "
        "well-known (needs `pip install 'railguard[hub]'`; honours HF_ENDPOINT and HF_TOKEN).",
    )(command)


def _hub_settings(max_lookups: int, max_age: str) -> HubOptions:
    """The bounds of a --hub run; read only under --hub, so other runs never pay for the Hub module."""
    import os

    from railguard.errors import InputError
    from railguard.lineage.hub import HubOptions, parse_duration

    try:
        age = parse_duration(max_age)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="'--hub-max-age' / RAILGUARD_HUB_MAX_AGE") from None

    # NOTE: newer huggingface_hub versions fetch a telemetry registry from the Hub when they build
    # request headers; --hub promises model-information requests only. An explicit setting wins.
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    raw = os.environ.get("RAILGUARD_HUB_TIMEOUT", "").strip()
    try:
        timeout = float(raw) if raw else 10.0
    except ValueError:
        timeout = -1.0
    if not timeout > 0:
        raise InputError(f"RAILGUARD_HUB_TIMEOUT must be a number of seconds above 0, not `{raw}`")
    return HubOptions(max_lookups=max_lookups, max_age=age, timeout=timeout)


def _settings(config_path: str | None) -> LintConfig:
    """The project's ``[tool.railguard]`` settings, found as ``lint`` finds them."""
    from railguard.settings import project_settings

    return project_settings(config_path)


@click.command()
@click.argument("upstream")
@click.argument("derivative")
@format_option("compat")
@FAIL_ON
@EXIT_ZERO
@CONFIG
@QUIET
def compat(
    upstream: str,
    derivative: str,
    output_format: str,
    fail_on: str,
    exit_zero: bool,
    config_path: str | None,
    quiet: bool,
) -> int:
    """May a derivative of a work under UPSTREAM be released under DERIVATIVE?

    Both are licence ids, aliases, SPDX expressions (`MIT OR Apache-2.0`, `GPL-2.0-or-later`,
    `GPL-2.0-only WITH Classpath-exception-2.0`) or licence text files. An upstream choice (OR)
    is compatible when some choice is; the answer names it. Exits 0 when compatible, 1 on a
    conflict (an error finding, or worse than --fail-on).
    """
    from railguard.lineage.run import check_compat
    from railguard.report.verdicts import CompatVerdict
    from railguard.resolve import resolve_argument

    up, down = resolve_argument(upstream), resolve_argument(derivative)
    edge = check_compat(up, down, _settings(config_path))
    verdict = CompatVerdict(
        _shown(up.declared),
        _shown(down.declared),
        edge.compatible,
        tuple(edge.missing_restrictions),
        edge.findings,
        " AND ".join(edge.upstream_choice) if edge.upstream_choice else None,
        tuple(" AND ".join(c) for c in edge.derivative_choices),
    )
    emit("compat", output_format, verdict, quiet=quiet, source=_source(upstream, derivative))
    return exit_code(verdict.findings, fail_on, exit_zero)


def _source(*arguments: str) -> str | None:
    """The last argument that names a file (where SARIF and annotations point), if any."""
    import os.path

    return next((a for a in reversed(arguments) if os.path.isfile(a)), None)


def _shown(declared: Declared) -> str:
    """A compat side as printed: the catalogue id, or the expression of ids after what was written."""
    if declared.is_single:
        return declared.names[0]
    canonical = declared.expression()
    return canonical if declared.text in ("", canonical) else f"{declared.text} ({canonical})"


@click.command()
@click.argument("path", type=click.Path(path_type=str))
@format_option("lineage")
@FAIL_ON
@EXIT_ZERO
@click.option(
    "--no-known-models", is_flag=True, help="Do not resolve base models through the table of well-known models."
)
@CONFIG
@hub_options
@click.option("--verbose", "-v", is_flag=True, help="Text: list the models under each grouped line.")
@QUIET
@click.option("--only-conflicts", is_flag=True, help="Mermaid, HTML: draw only models with errors and their ancestors.")
@click.option("--root", "root", metavar="MODEL", help="Mermaid, HTML: draw only MODEL and its descendants.")
@click.option(
    "--max-nodes",
    type=click.IntRange(min=1),
    metavar="N",
    help="Mermaid, HTML: draw at most N models (default: what Mermaid can render).",
)
@MAX_RESULTS
def lineage(
    path: str,
    output_format: str,
    fail_on: str,
    exit_zero: bool,
    no_known_models: bool,
    config_path: str | None,
    hub: bool,
    hub_max_lookups: int,
    hub_max_age: str,
    verbose: bool,
    quiet: bool,
    only_conflicts: bool,
    root: str | None,
    max_nodes: int | None,
    max_results: int | None,
) -> int:
    """Check a whole derivation graph: every edge, every merge, what each model inherits.

    PATH is a YAML manifest (`models:` list), a JSONL or CSV table (id, license,
    base_model, base_model_relation; CSV base models separated by `;`), a directory
    of model cards (`<org>/<name>/README.md`), an SPDX 2.3 document (JSON, YAML,
    tag-value, RDF/XML) or SPDX 3.0 JSON-LD, or a CycloneDX JSON BOM. Licences may be
    SPDX expressions. `--format spdx`, `spdx3` and `cyclonedx` write the lineage as an
    AI bill of materials (SPDX needs `pip install 'railguard[spdx]'`).
    """
    from railguard.lineage.run import check_lineage_input
    from railguard.report.progress import progress, stdout_is_terminal

    config = _settings(config_path)
    with progress(path, quiet=quiet) as step:
        hub_bounds = _hub_settings(hub_max_lookups, hub_max_age) if hub else None
        result, note = check_lineage_input(path, config, known_models=not no_known_models, hub=hub_bounds, step=step)
        step(f"writing {output_format}")
        if stdout_is_terminal():
            step.close()
        emit(
            "lineage",
            output_format,
            result,
            verbose=verbose,
            quiet=quiet,
            source=path,
            note=note,
            only_conflicts=only_conflicts,
            root=root,
            max_nodes=max_nodes,
            max_results=max_results,
            progress=step,
            fail_on=fail_on,
        )
    return exit_code(result.findings, fail_on, exit_zero)


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
@format_option("permits")
@QUIET
@CONFIG
@hub_options
def permits(
    model: str,
    use: str,
    commercial: bool,
    lineage_path: str | None,
    output_format: str,
    quiet: bool,
    config_path: str | None,
    hub: bool,
    hub_max_lookups: int,
    hub_max_age: str,
) -> int:
    """May MODEL be used for CATEGORY (commercially, with --commercial), given all it inherits?

    MODEL is a licence id or alias, a licence text file, a model card (README.md), a
    well-known model id (`meta-llama/Llama-3.1-8B`), a model id inside --lineage PATH, or
    with --hub a Hugging Face Hub model id. Exits 0 when permitted, 1 when not (or when it
    cannot be established).
    """
    from railguard.lineage.run import check_permitted

    hub_bounds = _hub_settings(hub_max_lookups, hub_max_age) if hub else None
    subject, result = check_permitted(model, use, commercial, _settings(config_path), lineage_path, hub_bounds)
    from railguard.report.verdicts import PermitsVerdict

    verdict = PermitsVerdict(subject, use, commercial, result.permitted, result.governing, result.findings)
    emit("permits", output_format, verdict, quiet=quiet, source=lineage_path)
    return ExitCode.OK if result.permitted else ExitCode.FINDINGS
