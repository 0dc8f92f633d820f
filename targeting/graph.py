"""The co-occurrence graph drawn on the server as SVG: the entity in the middle, the entities named in the same
reports on a circle around it, each line as thick as the number of reports they share. The table beside it on the
page holds the same numbers (the graph is a picture of the table, hidden from screen readers)."""

import math
from dataclasses import dataclass

SIZE = 360
CENTRE = SIZE / 2
RADIUS = 130
NODE_RADIUS = 16


@dataclass
class Node:
    x: float
    y: float
    label: str
    kind: str
    url: str = ""
    shared: int = 0
    width: float = 1.0


def _short(text, length=18):
    return text if len(text) <= length else text[: length - 1] + "…"


def layout(entity, cooccurring, url_for):
    """(centre Node, [Node]) for the entity and its [(Entity, shared)] co-occurring entities."""
    centre = Node(CENTRE, CENTRE, _short(entity.name), entity.kind)
    most = max((shared for _other, shared in cooccurring), default=1)
    nodes = []
    for index, (other, shared) in enumerate(cooccurring):
        angle = 2 * math.pi * index / max(len(cooccurring), 1) - math.pi / 2
        nodes.append(
            Node(
                x=round(CENTRE + RADIUS * math.cos(angle), 1),
                y=round(CENTRE + RADIUS * math.sin(angle), 1),
                label=_short(other.name),
                kind=other.kind,
                url=url_for(other),
                shared=shared,
                width=round(1 + 5 * shared / most, 1),
            )
        )
    return centre, nodes
