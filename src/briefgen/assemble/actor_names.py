"""One name per actor across articles: which written actor names stand for the same actor.

Within an article the extractor already merges an actor's aliases ("Tehreek-e-Taliban
Pakistan (TTP)", "Hillary Clinton" ... "Clinton"). Across articles the same actor can
still arrive under two names: one article calls her "Hillary Clinton" (alias "Clinton"),
another only "Clinton". A name folds into another actor when it is one of that actor's
aliases, or, for a person (or an organisation: the model tags a bare surname ORG now and
then) named by one word, when it is the surname of exactly one person named in full; with
two candidates ("Bill Clinton", "Hillary Clinton") it stays as written.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Actor


def canonical_names(actors: Iterable[Actor]) -> dict[str, tuple[str, str]]:
    """Each actor name -> the name and kind of the actor it stands for (its own when nothing else fits)."""
    actors = list(actors)
    kinds = {actor.name: actor.kind for actor in actors}
    aliases: dict[str, set[str]] = {}
    surnames: dict[str, set[str]] = {}
    for actor in actors:
        for alias in actor.aliases:
            if alias != actor.name:
                aliases.setdefault(alias, set()).add(actor.name)
        words = actor.name.split()
        if actor.kind == "person" and len(words) > 1:
            surnames.setdefault(words[-1], set()).add(actor.name)
    names = {}
    for name, kind in kinds.items():
        owners = aliases.get(name, set()) - {name}
        if not owners and kind in ("person", "organization") and " " not in name:
            owners = surnames.get(name, set())
        canonical = next(iter(owners)) if len(owners) == 1 else name
        names[name] = (canonical, kinds[canonical])
    return names
