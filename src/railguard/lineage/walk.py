"""Walking up a derivation graph from a model's base models."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator


def ancestors(bases: Iterable[str], parents: Callable[[str], Iterable[str]]) -> Iterator[str]:
    """Every model id reachable from ``bases`` through ``parents``, each once, depth first.

    Ids compare ignoring case, as everywhere in a lineage, so a cycle or a diamond ends the walk
    instead of repeating it. ``parents(id)`` is asked only after ``id`` has been yielded, so a
    caller may look the model up while handling it and let ``parents`` reuse what it found.
    """
    seen: set[str] = set()
    pending = list(bases)
    while pending:
        model = pending.pop()
        key = model.lower()
        if key in seen:
            continue
        seen.add(key)
        yield model
        pending.extend(parents(model))
