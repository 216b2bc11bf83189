"""AI bills of materials: SPDX 2.3 and 3.0 documents and CycloneDX BOMs, in and out of the lineage model.

* :mod:`railguard.bom.mapping`: licences and derivation kinds, both ways (one table for every format).
* :mod:`railguard.bom.read`: which format a file is, and reading it into lineage records.
* :mod:`railguard.bom.spdx2`, :mod:`railguard.bom.spdx3`, :mod:`railguard.bom.cyclonedx`: each format.

The writers are report modules (:mod:`railguard.report.spdx`, :mod:`railguard.report.cyclonedx`)
over the lineage result. Nothing is imported here: spdx-tools and the SPDX 3 model are large and
only the commands that read or write those documents load them.
"""
