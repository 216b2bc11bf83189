"""What a model declares as its licence: one licence, several that all apply, or a choice.

A model card or table record may declare one licence id (``license: mit``), a YAML list of ids
(``license: [apache-2.0, mit]``, which the Hub accepts), or an SPDX expression (``MIT OR
Apache-2.0``, ``Apache-2.0 AND CC-BY-4.0``). :class:`Declared` holds any of them in one normal
form, *alternatives of conjunctions* (an OR of ANDs), so the lineage engine, ``compat``,
``permits``, ``lint`` and ``audit`` reason about all of them the same way:

* ``A AND B``: both bind. A derivative must honour both; the model hands both on.
* ``A OR B``: the licensee may choose. A derivative is compatible when *some* choice is, and a
  finding says which choice works; what the model hands on is what the chosen alternative binds.
* a YAML list ``[A, B]`` is ambiguous (a dual licence, or parts under different licences), so it
  is read conservatively both ways (``listed``): *every* item must honour what the ancestors
  require (a user may take any of them), and *all* items bind the descendants (as ``A AND B``).

Names are kept as written (a catalogue id, an alias, an SPDX id, a ``LicenseRef-``, or a name
railguard does not know); resolving them is the catalogue's job, so that an unknown name can be
reported by what the user wrote.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Declared:
    """A declared licence in normal form.

    Attributes:
        alternatives: the choices, each a tuple of licence names that apply together. One
            alternative of one name is the common case (``license: mit``); empty means nothing
            was declared.
        listed: read from a list of ids: every item must honour the ancestors, and all items bind
            the descendants (see the module documentation).
        text: what was written, for messages (``[apache-2.0, mit]``, ``MIT OR Apache-2.0``).
    """

    alternatives: tuple[tuple[str, ...], ...]
    listed: bool = False
    text: str = ""

    @classmethod
    def single(cls, name: str) -> Declared:
        """One licence."""
        return cls(((name,),), False, name)

    @classmethod
    def from_list(cls, names: tuple[str, ...], text: str = "") -> Declared:
        """A list of ids under ``license:``; a list of one is that licence alone."""
        if len(names) == 1:
            return cls.single(names[0])
        return cls(tuple((name,) for name in names), True, text or "[" + ", ".join(names) + "]")

    @property
    def empty(self) -> bool:
        """Nothing was declared."""
        return not self.alternatives

    @property
    def names(self) -> tuple[str, ...]:
        """Every licence name, once, in the order written."""
        return tuple(dict.fromkeys(name for conjunction in self.alternatives for name in conjunction))

    @property
    def is_single(self) -> bool:
        """Exactly one licence."""
        return len(self.alternatives) == 1 and len(self.alternatives[0]) == 1

    def expression(self) -> str:
        """The names as an OR of ANDs (``a OR (b AND c)``), whatever was written."""
        return " OR ".join(
            " AND ".join(c) if len(self.alternatives) == 1 or len(c) == 1 else "(" + " AND ".join(c) + ")"
            for c in self.alternatives
        )

    def __str__(self) -> str:
        if self.text:
            return self.text
        if self.listed:
            return "[" + ", ".join(self.names) + "]"
        return self.expression()
