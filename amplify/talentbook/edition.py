"""A book's edition for its templates: the stored snapshot with its codes turned into the
reader's labels and its index, for the web page and the PDF alike (the same templates)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from amplify.core.bookindex import index_by
from amplify.experiments.models import Decision, Theme
from amplify.outcomes.models import Kind

PhotoSource = Callable[[Mapping[str, Any]], str]


def _labels(person: Mapping[str, Any], photo_src: PhotoSource) -> dict[str, Any]:
    shown = dict(person)
    themes = dict(Theme.choices)
    decisions = dict(Decision.choices)
    kinds = dict(Kind.choices)
    experiment = person.get("experiment")
    if experiment:
        shown["experiment"] = {
            **experiment,
            "theme_labels": [themes.get(t, t) for t in experiment.get("themes", [])],
            "decision_label": decisions.get(experiment.get("decision", ""), ""),
        }
    shown["outcomes"] = [
        {**o, "kind_label": kinds.get(o["kind"], o["kind"])} for o in person.get("outcomes", [])
    ]
    shown["photo_src"] = photo_src(person) if person.get("photo") else ""
    return shown


def _themes(person: Mapping[str, Any]) -> list[str]:
    experiment = person.get("experiment") or {}
    return list(experiment.get("themes", []))


def edition_context(snapshot: Mapping[str, Any], *, photo_src: PhotoSource) -> dict[str, Any]:
    """The snapshot's people (labels added), contents and index, as the templates read
    them. The index lists, under each country, division and theme, the people there."""
    people = [_labels(p, photo_src) for p in snapshot.get("people", [])]
    by_anchor = {p["anchor"]: p for p in people}
    themes = dict(Theme.choices)

    def named(groups: list[tuple[str, list[str]]], label: Any = None) -> list[dict[str, Any]]:
        return [
            {"label": label(key) if label else key, "people": [by_anchor[a] for a in anchors]}
            for key, anchors in groups
        ]

    return {
        "edition": snapshot,
        "people": people,
        "index": [
            {
                "key": "country",
                "people_by": named(index_by(people, lambda p: [p.get("country", "")])),
            },
            {
                "key": "division",
                "people_by": named(index_by(people, lambda p: [p.get("division", "")])),
            },
            {
                "key": "theme",
                "people_by": named(
                    index_by(people, _themes, label_of=lambda t: themes.get(t, t)),
                    label=lambda t: themes.get(t, t),
                ),
            },
        ],
    }
