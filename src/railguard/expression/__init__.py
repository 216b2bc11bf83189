"""Licence expressions: SPDX expressions, ``-or-later``, ``WITH`` exceptions, and what they mean for an edge.

* :mod:`railguard.expression.parser`: text to :class:`~railguard.model.declared.Declared`.
* :mod:`railguard.expression.versions`: ``-or-later`` / ``+`` as a choice of catalogue versions.
* :mod:`railguard.expression.exceptions`: ``WITH`` exceptions (``licences/_exceptions.yaml``).
* :mod:`railguard.expression.edge`: one derivation edge between two declared licences (``compat``).

Nothing is imported here, so that a module of the package costs only what it uses.
"""
