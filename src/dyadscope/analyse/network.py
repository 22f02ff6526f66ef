"""The actor network: who acted towards whom, aggregated over events, for GraphML and GEXF.

Nodes are the entities that take part in events (as source, target or named actor);
edges run from an event's source to its target with the number of events, the number per
PLOVER type, the sum and mean of their scores and the first and last date. Attribute
values are strings, integers or floats only, as GraphML and GEXF require; unknown values
are empty strings.
"""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from dyadscope.analyse.dyad import event_score
from dyadscope.analyse.timeline import participants
from dyadscope.errors import DyadscopeError
from dyadscope.store import reads
from dyadscope.store.db import Store
from dyadscope.store.export import events as all_events

if TYPE_CHECKING:
    import networkx as nx

GRAPH_FORMATS = ("graphml", "gexf")


@dataclass
class EdgeTally:
    types: Counter[str] = field(default_factory=Counter)
    scores: list[float] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)

    def add(self, event: dict[str, Any]) -> None:
        self.types[event["type"]] += 1
        self.scores.append(event_score(event))
        if event["date"]:
            self.dates.append(event["date"])

    def attributes(self, all_types: list[str]) -> dict[str, Any]:
        count = sum(self.types.values())
        return {
            "count": count,
            **{name: self.types.get(name, 0) for name in all_types},
            "score_sum": round(sum(self.scores), 2),
            "mean_score": round(sum(self.scores) / count, 2),
            "first_date": min(self.dates, default=""),
            "last_date": max(self.dates, default=""),
        }


def entity_rows(store: Store) -> dict[str, dict[str, Any]]:
    return {row["id"]: row for row in reads.entities(store)}


def tally_edges(events: list[dict[str, Any]]) -> dict[tuple[str, str], EdgeTally]:
    tallies: dict[tuple[str, str], EdgeTally] = {}
    for event in events:
        source, target = event["source"], event["target"]
        if source and target and source != target:
            tallies.setdefault((source, target), EdgeTally()).add(event)
    return tallies


def actor_network(store: Store) -> nx.DiGraph:
    import networkx as nx

    events = all_events(store)
    entities = entity_rows(store)
    involvement = Counter(p for event in events for p in participants(event) if p in entities)
    graph = nx.DiGraph(name="dyadscope actor network")
    for entity, count in sorted(involvement.items()):
        row = entities[entity]
        graph.add_node(entity, label=row["name"], name=row["name"], type=row["type"],
                       country=row["country"] or "", events=count)
    all_types = sorted({event["type"] for event in events})
    for (source, target), tally in sorted(tally_edges(events).items()):
        graph.add_edge(source, target, **tally.attributes(all_types))
    return graph


def serialise(graph: nx.DiGraph, fmt: str) -> str:
    """The graph as a GraphML or GEXF document, XML declaration included."""
    import networkx as nx

    writers = {"graphml": nx.write_graphml, "gexf": nx.write_gexf}
    if fmt not in writers:
        raise DyadscopeError(None, "export", f"unknown graph format {fmt!r} (graphml, gexf)")
    buffer = io.BytesIO()
    writers[fmt](graph, buffer, encoding="utf-8")
    return buffer.getvalue().decode("utf-8")
