"""The actor network: GraphML and GEXF that networkx reads back, with the right edges."""

from __future__ import annotations

import io
from pathlib import Path

import networkx as nx
import pytest

from dyadscope import api
from dyadscope.errors import DyadscopeError

SCALAR = (str, int, float, bool)


def countries_of(graph: nx.DiGraph, source: str, target: str) -> tuple[str, str]:
    return graph.nodes[source]["country"], graph.nodes[target]["country"]


def test_graph_attributes_are_scalars(samples_db: Path) -> None:
    graph = api.network(samples_db)
    assert graph.number_of_edges() > 0
    for _, data in graph.nodes(data=True):
        assert {"type", "name", "country"} <= set(data)
        assert all(isinstance(v, SCALAR) for v in data.values())
    for source, target, data in graph.edges(data=True):
        assert source != target
        assert all(isinstance(v, SCALAR) for v in data.values())
        assert -10 <= data["mean_score"] <= 10
        type_counts = [v for k, v in data.items() if k.isupper()]
        assert sum(type_counts) == data["count"] >= 1
        assert data["first_date"] <= data["last_date"] or not data["last_date"]


def test_edge_counts_add_up_to_the_events(samples_db: Path) -> None:
    graph = api.network(samples_db)
    events = api.export(samples_db)["events"]
    with_both_ends = [e for e in events if e["source"] and e["target"]
                      and e["source"] != e["target"]]
    assert sum(d["count"] for _, _, d in graph.edges(data=True)) == len(with_both_ends)


def test_graphml_reads_back_with_belarus_vietnam_edges(samples_db: Path) -> None:
    text = api.export_network(samples_db, "graphml")
    graph = nx.read_graphml(io.BytesIO(text.encode("utf-8")))
    pairs = {frozenset(countries_of(graph, s, t)) for s, t in graph.edges}
    assert frozenset({"BLR", "VNM"}) in pairs
    assert frozenset({"RUS", "BLR"}) in pairs
    assert graph.number_of_edges() == api.network(samples_db).number_of_edges()


def test_gexf_reads_back(samples_db: Path) -> None:
    text = api.export_network(samples_db, "gexf")
    graph = nx.read_gexf(io.BytesIO(text.encode("utf-8")))
    assert graph.number_of_nodes() == api.network(samples_db).number_of_nodes()


def test_unknown_graph_format(samples_db: Path) -> None:
    with pytest.raises(DyadscopeError, match="dot"):
        api.export_network(samples_db, "dot")
