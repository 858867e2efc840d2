"""A portal's closing lines on exported article bodies — "follow our account" (:data:`FOLLOW_TAIL`),
"download our app" (:data:`APP_TAIL`) and a 相关解读 link line (:data:`RELATED_TAIL`) — removed column-wise from a
Series of bodies at load time (``analysis.loaders.assemble``), with a flag per body for the parse report. Moved
out of ``analysis.boilerplate`` (which re-exports them), whose rules work on one page's lines."""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

__all__ = ["APP_TAIL", "FOLLOW_TAIL", "RELATED_TAIL", "strip_app_tail", "strip_follow_tail", "strip_related_tail"]


#: A "follow our account" line a portal appends to every body it exports — ``更多信息请关注官方微信“河北人社”``
#: (589 of the 2,716 Hebei policy CSV rows end with it, 164 are nothing else; fresh tester, 30 Nov) — at the
#: very end of the body, glued to the last sentence or on its own line. It starts with 更多(信息…) or 请/欢迎 and
#: names the account right after 关注 (官方微信, 公众号, 微博 …), with no sentence end inside, so a sentence that
#: *advises* following a named account (``请关注河北省学生资助微信公众号。``) stays.
FOLLOW_TAIL = re.compile(
    r"(?:更多(?:信息|资讯|内容|详情|精彩内容?)?[，,]?\s*(?:请|欢迎|敬请)?|(?:请|欢迎|敬请))(?:扫码|长按)?关注"
    r"(?:我们的?)?(?:官方)?(?:微信公众号|微信号|微信|公众号|微博|抖音号?|视频号|头条号)\s*[：:]?\s*"
    r"[“\"「『《]?[^”\"」』》。！？!?\n]{0,20}[”\"」』》]?\s*$")


def strip_follow_tail(bodies: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """``bodies`` (a Series of str) without a trailing :data:`FOLLOW_TAIL` line, and a bool array of the bodies
    that had one (the parse report says how many, per file); only bodies whose last 60 characters hold 关注
    are searched. ``bodies`` itself is not changed."""
    return _strip_tail(bodies, FOLLOW_TAIL, "关注")


#: A portal's "download our app" line closing a body: ``(本文来自澎湃新闻，更多原创资讯请下载“澎湃新闻”APP)``
#: (thepaper_3 of ../shared/realpages, tester s14 R1), ``更多精彩内容请下载XX客户端``: on its own line at the
#: very end, starting with 更多 (or 本文来自X，), asking to 下载 an APP/客户端 and ending there. A notice's own
#: line ``请下载“北京通”APP办理。`` (no 更多 / 本文来自) stays.
APP_TAIL = re.compile(
    r"(?:^|\n)[ \t]*[(（【\[]?[ \t]*(?:本文来自[^\n，,。()（）]{1,20}[，,][ \t]*(?:更多|欢迎|请)|更多)[^\n。！？!?()（）]{0,20}"
    r"下载[^\n。！？!?()（）]{0,24}(?:APP|App|app|客户端)[”\"」』》]?[)）】\]]?[。.!！]?\s*$")


def strip_app_tail(bodies: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """``bodies`` (a Series of str) without a trailing :data:`APP_TAIL` line, and a bool array of the bodies
    that had one (the parse report says how many, per file); only bodies whose last 80 characters hold 下载
    are searched. ``bodies`` itself is not changed."""
    return _strip_tail(bodies, APP_TAIL, "下载", 80)


#: A portal's link to the policy reading of a document, closing its body on a line of its own:
#: ``相关解读：《中医诊所备案管理暂行办法》解读`` (bjtcm ids 41, 43, 45; tester s14 P-bj), ``相关解读《…的通知》解读``
#: (Hebei id 52), several links in a row (``相关解读：《X》解读 《X》图解``). Site navigation, not text: the line
#: starts with 相关解读 and holds nothing but 《…》 links, each followed at most by 解读 / 图解 / 政策解读 / 问答 /
#: 答记者问. A sentence that mentions 解读 (``相关解读材料应与文件同步在政府网站发布。``, ``请认真学习《X》解读。``)
#: is no such line and stays, as does the line anywhere but at the end.
RELATED_TAIL = re.compile(
    r"(?:^|\n)[ \t　]*[【\[]?[ \t]*相关(?:政策)?解读[】\]]?[ \t]*[：:]?[ \t　]*"
    r"(?:《(?:[^《》\n]|《[^《》\n]*》){1,120}》[ \t]*(?:政策解读|图片解读|图解|解读|问答|答记者问)?[ \t　，,、；;]*){1,6}\s*$")


def strip_related_tail(bodies: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """As :func:`strip_follow_tail`, for a trailing :data:`RELATED_TAIL` line (searched in bodies whose last 300
    characters hold 相关): ``(bodies without it, bool array of the bodies that had one)``."""
    return _strip_tail(bodies, RELATED_TAIL, "相关", 300)


def _strip_tail(bodies: pd.Series, pattern: re.Pattern[str], word: str, last: int = 60) -> tuple[pd.Series, np.ndarray]:
    changed = np.zeros(len(bodies), dtype=bool)
    maybe = np.fromiter((isinstance(b, str) and word in b[-last:] for b in bodies.tolist()), dtype=bool,
                        count=len(bodies))
    if not maybe.any():
        return bodies, changed
    cut = bodies[maybe].str.replace(pattern, "", regex=True).str.rstrip()
    hit = (cut != bodies[maybe]).to_numpy(dtype=bool)
    if not hit.any():
        return bodies, changed
    changed[np.flatnonzero(maybe)[hit]] = True
    out = bodies.copy()
    out[changed] = cut[hit].to_numpy()
    return out, changed
