import plotly.graph_objects as go
import pytest

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


def test_wrap_label_breaks_long_names_into_even_lines():
    from analysis.figstyle import wrap_label

    assert wrap_label("中国人民政治协商会议全国委员会") == "中国人民政治协商<br>会议全国委员会"      # 15 → 8 + 7
    assert wrap_label("国家市场监督管理总局") == "国家市场监督管理总局"                  # 10: fits
    assert wrap_label("中华人民共和国国家发展和改革委员会") == "中华人民共和国国家<br>发展和改革委员会"  # 17 → 9 + 8
    assert wrap_label("一二三四五六七八九十一二三四五六七八九十一", 10) == \
        "一二三四五六七<br>八九十一二三四<br>五六七八九十一"                               # 21 → 3 × 7
    assert wrap_label("&lt;b&gt;很长很长很长很长的名称") == "&lt;b&gt;很长很长很长很长的名称"   # escaped: kept whole
    assert wrap_label("") == ""
    with pytest.raises(ValueError, match="width must be ≥ 1, got 0"):
        wrap_label("国家统计局", 0)


def test_agency_ranking_wraps_long_names_and_keeps_the_names_as_values():
    import pandas as pd

    from analysis.figures.agencies import ranking_figure

    summary = pd.DataFrame({"agency": ["国家统计局", "中国人民政治协商会议全国委员会"], "mentions": [5, 3],
                            "documents": [4, 2]})
    fig = ranking_figure(summary)
    assert list(fig.data[0].y) == ["中国人民政治协商会议全国委员会", "国家统计局"]     # hover and click: whole names
    assert fig.layout.yaxis.automargin is True
    assert list(fig.layout.yaxis.tickvals) == ["中国人民政治协商会议全国委员会", "国家统计局"]
    assert list(fig.layout.yaxis.ticktext) == ["中国人民政治协商<br>会议全国委员会", "国家统计局"]
    assert fig.layout.height == 300                                   # max(300, 40 × 2 + 80)
    names = [f"{p}省人民政府办公厅综合处" for p in ("河北", "山西", "辽宁", "吉林", "江苏", "浙江", "安徽")]
    many = ranking_figure(pd.DataFrame({"agency": names, "mentions": range(7, 0, -1), "documents": 1}))
    assert many.layout.height == 40 * 7 + 80                          # two-line names: 40 px a bar
    short = ranking_figure(summary.head(1))
    assert short.layout.yaxis.ticktext is None and short.layout.yaxis.automargin is True


def test_top_terms_wrap_a_long_word():
    import pandas as pd

    from analysis.figures.keywords import top_terms_figure

    top = pd.DataFrame({"term": ["中国人民政治协商会议全国委员会", "发布"], "count": [9, 5], "documents": [3, 2]})
    fig = top_terms_figure(top)
    assert list(fig.data[0].y) == ["发布", "中国人民政治协商会议全国委员会"]
    assert list(fig.layout.yaxis.ticktext) == ["发布", "中国人民政治协商<br>会议全国委员会"]
    assert fig.layout.yaxis.automargin is True
    plain = top_terms_figure(top.tail(1))
    assert plain.layout.yaxis.ticktext is None and plain.layout.height == 300


def test_set_template_gives_the_figure_of_the_validated_assignment():
    import json

    import plotly.graph_objects as go
    import plotly.io as pio

    from analysis.figstyle import TEMPLATE, set_template

    def bar():
        return go.Figure(go.Bar(x=[3, 1], y=["甲", "乙"], orientation="h"))

    fast, plain = set_template(bar()), bar().update_layout(template=TEMPLATE)
    assert json.loads(fast.to_json()) == json.loads(plain.to_json())          # same figure (key order aside)
    assert fast.layout.template.layout.plot_bgcolor == "white"
    fast.layout.template.layout.font.size = 99                                  # the figure's own copy …
    assert pio.templates[TEMPLATE].layout.font.size != 99                       # … not the registered template
    assert set_template(bar(), "plotly_dark").layout.template.layout.paper_bgcolor == "rgb(17,17,17)"
    with pytest.raises(ValueError):
        set_template(bar(), "no such template")                                 # not registered: plotly's own error
