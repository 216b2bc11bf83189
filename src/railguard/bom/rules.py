"""The documentation of RG360: elements of an SPDX or CycloneDX document that the lineage model cannot hold.

:mod:`railguard.rules.registry` collects it.
"""

from __future__ import annotations

from railguard.model.finding import Rule, Severity

RULES: tuple[Rule, ...] = (
    # RG360: bom/cyclonedx.py, bom/read.py, bom/spdx2.py, bom/spdx3.py, lineage/loaders.py
    Rule(
        "RG360",
        "bom-element-not-mapped",
        Severity.WARNING,
        "An element of an SPDX or CycloneDX document cannot be mapped onto the lineage model and is not checked",
        "A bill of materials holds more than models and their derivations: files, datasets, "
        "libraries, services, dependencies of other kinds, references to other documents. `lineage` "
        "checks models, their licences and what they were derived from; every element it does not "
        "read is named, so that nothing in the document is dropped silently.",
        "A CycloneDX BOM with a `data` component `acme/corpus` used to train a model: RG360 naming it "
        "(training-data licences are not checked by `lineage`).",
        "Check the named elements another way; give railguard the documents an external reference "
        "points to; describe models as packages (SPDX) or machine-learning-model components (CycloneDX).",
    ),
)
