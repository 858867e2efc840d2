import plotly.graph_objects as go

from analysis.figstyle import FONT_FAMILY, TEMPLATE, inert, style


def test_style_sets_template_font_and_title():
    fig = style(go.Figure(go.Bar(x=["a"], y=[1])), "标题")
    assert fig.layout.template.layout.paper_bgcolor == go.layout.Template(
        __import__("plotly.io", fromlist=["templates"]).templates[TEMPLATE]).layout.paper_bgcolor
    assert fig.layout.font.family == FONT_FAMILY
    assert fig.layout.title.text == "标题"


def test_labels_from_data_are_inert():
    hostile = '<a href="javascript:alert(1)">来源</a>'
    fig = go.Figure([go.Bar(x=[hostile, "新华网"], y=[3, 1], name="<b>x</b>"),
                     go.Scatter(x=[0], y=[0], text=["<img src=x onerror=alert(1)>"], mode="text")])
    style(fig, "<i>t</i>")
    assert list(fig.data[0].x) == ['&lt;a href="javascript:alert(1)"&gt;来源&lt;/a&gt;', "新华网"]
    assert list(fig.data[0].y) == [3, 1]
    assert fig.data[0].name == "&lt;b&gt;x&lt;/b&gt;"
    assert list(fig.data[1].text) == ["&lt;img src=x onerror=alert(1)&gt;"]
    assert fig.layout.title.text == "&lt;i&gt;t&lt;/i&gt;"


def test_builder_markup_in_text_is_kept_and_plain_labels_untouched():
    fig = go.Figure(go.Scatter(x=["2024-01", "2024-02"], y=[1, 2], text=["2024-01<br>突增", "2024-02"]))
    style(fig)
    assert list(fig.data[0].text) == ["2024-01<br>突增", "2024-02"]
    assert list(fig.data[0].x) == ["2024-01", "2024-02"]
    assert inert(5) == 5 and inert("a>b") == "a&gt;b"
