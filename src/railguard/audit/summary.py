"""The summary of an audit over many repositories: the shares the supply-chain studies report.

For each repository: does it ship the text of its declared licence, does it show a copyright
notice, and, where its ancestors (base models, datasets) ask it to carry notices or licence texts,
does it carry them all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from railguard.audit.runner import RepositoryReport


@dataclass(frozen=True, slots=True)
class Summary:
    """Counts over the repositories of one run."""

    repositories: int
    licence_file: int
    licence_text: int
    copyright: int
    licence_and_copyright: int
    upstream_duties: int
    upstream_notices: int
    with_datasets: int
    dataset_warnings: int

    def to_json(self) -> dict[str, Any]:
        """The JSON shape (counts; shares are counts over ``repositories`` or ``upstream_duties``)."""
        return {
            "repositories": self.repositories,
            "with_licence_file": self.licence_file,
            "with_licence_text": self.licence_text,
            "with_copyright": self.copyright,
            "with_licence_text_and_copyright": self.licence_and_copyright,
            "with_upstream_duties": self.upstream_duties,
            "with_upstream_notices": self.upstream_notices,
            "with_datasets": self.with_datasets,
            "with_dataset_warnings": self.dataset_warnings,
        }

    def table(self) -> str:
        """A Markdown table of counts and shares."""

        def share(count: int, total: int) -> str:
            return f"{100 * count / total:.1f} %" if total else "-"

        n = self.repositories
        rows = [
            ("repositories", n, n),
            ("with a licence file", self.licence_file, n),
            ("with the declared licence's text", self.licence_text, n),
            ("with a copyright notice", self.copyright, n),
            ("with licence text and copyright notice", self.licence_and_copyright, n),
            ("whose ancestors ask for notices or licence texts", self.upstream_duties, n),
            ("  ... that carry them all", self.upstream_notices, self.upstream_duties),
            ("naming datasets", self.with_datasets, n),
            ("  ... with a dataset licence warning", self.dataset_warnings, self.with_datasets),
        ]
        lines = ["", "| | repositories | share |", "|---|---:|---:|"]
        lines.extend(f"| {label} | {count} | {share(count, total)} |" for label, count, total in rows)
        return "\n".join(lines) + "\n"


DATASET_CODES = frozenset({"RG508", "RG509", "RG510", "RG517"})


def summarise(reports: Sequence[RepositoryReport]) -> Summary:
    """Count what the repositories show."""
    return Summary(
        repositories=len(reports),
        licence_file=sum(1 for r in reports if any(f["role"] == "licence" for f in r.files)),
        licence_text=sum(1 for r in reports if r.licence_text),
        copyright=sum(1 for r in reports if r.copyright),
        licence_and_copyright=sum(1 for r in reports if r.licence_text and r.copyright),
        upstream_duties=sum(1 for r in reports if r.upstream_duties),
        upstream_notices=sum(1 for r in reports if r.upstream_duties and r.upstream_notices),
        with_datasets=sum(1 for r in reports if r.datasets),
        dataset_warnings=sum(1 for r in reports if any(f.code in DATASET_CODES for f in r.findings)),
    )
