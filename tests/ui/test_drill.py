"""ui.drill.selected_points: the one reader of plotly selection events (pages and the timeline's target)."""
from types import SimpleNamespace

import pytest

from ui.drill import selected_points

POINT = {"x": "2024-03-04", "customdata": ["2024-W10", "计量"]}


@pytest.mark.parametrize("event, expected", [
    ({"selection": {"points": [POINT]}}, [POINT]),                      # st.plotly_chart's event as a dict
    ({"points": [POINT, {"y": 3}]}, [POINT, {"y": 3}]),                # only its selection part
    (SimpleNamespace(selection=SimpleNamespace(points=[POINT])), [POINT]),  # attribute access
    (SimpleNamespace(selection={"points": [POINT]}), [POINT]),
    ({"selection": {"points": []}}, []),
    ({"selection": {"points": None}}, []),
    (None, []),
    ({}, []),
    ({"selection": {}}, []),          # malformed: no points
    (SimpleNamespace(other=1), []),   # not an event
])
def test_selected_points(event, expected):
    assert selected_points(event) == expected
