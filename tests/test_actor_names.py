"""Actors named differently in different articles are one actor in a story and in the actor index."""

from __future__ import annotations

import pytest

from briefgen.assemble import actor_index
from briefgen.assemble.actor_names import canonical_names
from briefgen.assemble.stories import merge_actors
from briefgen.model import Actor, ArticleBrief, Story


def person(name: str, *aliases: str, kind: str = "person", mentions: int = 1) -> Actor:
    return Actor(name, kind, list(aliases), mentions)


@pytest.mark.parametrize("actors, name, expected", [
    # An alias another article gave the actor.
    ([person("Hillary Clinton", "Clinton"), person("Clinton")], "Clinton", "Hillary Clinton"),
    ([person("Tehreek-e-Taliban Pakistan", "TTP", kind="armed_group"), person("TTP", kind="organization")], "TTP",
     "Tehreek-e-Taliban Pakistan"),
    # The surname of the only person named in full.
    ([person("Imran Shah"), person("Shah")], "Shah", "Imran Shah"),
    # Two people share the surname: left as written.
    ([person("Bill Clinton"), person("Hillary Clinton"), person("Clinton")], "Clinton", "Clinton"),
    # Only people fold by surname, and only one-word names.
    ([person("Punjab Police", kind="organization"), person("Police", kind="organization")], "Police", "Police"),
    ([person("Sara Ahmed"), person("Ali Ahmed Khan")], "Ali Ahmed Khan", "Ali Ahmed Khan"),
])
def test_canonical_names(actors, name, expected):
    assert canonical_names(actors)[name][0] == expected


def test_a_folded_name_takes_the_kind_of_its_actor():
    names = canonical_names([person("Tehreek-e-Taliban Pakistan", "TTP", kind="armed_group"), person("TTP", kind="organization")])
    assert names["TTP"] == ("Tehreek-e-Taliban Pakistan", "armed_group")


def article(id_: str, *actors: Actor) -> ArticleBrief:
    return ArticleBrief(id=id_, title=id_, url=None, publisher="Outlet", published="2025-03-10", source=id_,
                        text="", actors=list(actors))


def test_a_story_merges_an_actor_named_two_ways():
    merged = merge_actors([article("a", person("Hillary Clinton", "Clinton", mentions=3)), article("b", person("Clinton", mentions=2))])
    assert [(a.name, a.aliases, a.mentions) for a in merged] == [("Hillary Clinton", ["Clinton"], 5)]


def test_the_actor_index_merges_an_actor_named_two_ways():
    stories = [Story(id="s1", title="one", summary=[], articles=["a"], actors=[person("Hillary Clinton", "Clinton")]),
               Story(id="s2", title="two", summary=[], articles=["b"], actors=[person("Clinton")])]
    assert [(e.name, e.stories) for e in actor_index(stories)] == [("Hillary Clinton", ["s1", "s2"])]
