"""The command line's own words (``python -m analysis``): the parse report, the error line and the other
messages it prints on stderr, and its usage errors. The command line speaks both languages at once, so each entry is one bilingual template
``中文 / English`` (their spacing is the CLI's contract: scripts read these lines) filled with ``str.format``.
Read by ``analysis.commands.messages``. Plain data, no imports."""
from __future__ import annotations

#: The parse report's lines (``analysis.commands.messages.report_lines``).
PARSE_REPORT: dict[str, str] = {
    "read": "已读取 {n} 篇文章,来自 {files} 个文件;{failed} 个文件失败 / {n} {n:|article|articles} from {files} "
            "{files:|file|files}; {failed} failed",
    "missing": "缺失字段 / missing: {gaps}",
    "date_sources": "日期来源 / dates by source: {counts}",
    "duplicates": "重复/转载 {n} 篇(归入 {groups} 组)/ {n} {n:|duplicate|duplicates} in {groups} {groups:|group|groups}",
    "converted": "繁体转简体 {n} 篇 / {n} converted to simplified",
    "mapping": "{name}: {mapping}",
    "skipped": "{name}: 跳过 {n} 行(无正文与标题)/ skipped {n} {n:|row|rows} without text",
    "note": "{name}: {note}",
    "failed": "失败 / failed: {name}: {error}",
}

#: The one line printed for an expected failure (exit status 1).
ERROR_LINE = "错误 / error: {message}"

#: What the commands say on stderr besides the parse report (``analysis.commands.messages.say``) and the
#: usage errors they report (exit status 2).
MESSAGES: dict[str, str] = {
    "paths_or_dataset": "{command}: 需要 PATH 或 --dataset 之一 / give either PATHs or --dataset NAME, not both",
    "agencies.unresolved": "未解析的机构简称 {n} 处(见 --unresolved)/ {n} bare {n:|mention|mentions} without a resolvable region left out "
                           "(see --unresolved)",
    "ingest.done": "数据集 / dataset: {name} ({id}), {articles} {articles:|article|articles}, store {store}",
    "kwic.counts": "KWIC {term}: {rows} 处 / {rows:|row|rows} (模式 / mode: {mode}); 整词 / as words: {token} ({token_docs} 篇 / "
                   "{token_docs:|article|articles}); 子串 / as substring: {substring} ({substring_docs} 篇 / {substring_docs:|article|articles})",
    "report.selected": "report: {selected:,} / {total:,} 篇 / articles after filters; {items} {items:|item|items} in {sections} "
                       "{sections:|section|sections}",
    "report.needs_output": "report 需要 -o FILE.docx|.html|.zip / report needs -o FILE.docx|.html|.zip",
    "report.bad_suffix": "-o {output}: 扩展名须为 .docx、.html 或 .zip / the file must end in .docx, .html or .zip",
    "report.bad_date": "--{option} {value!r}: 日期格式应为 YYYY-MM-DD / expected a date YYYY-MM-DD",
    "timeline.periods": "时段 / periods: {freq}, {n}",
    "timeline.duplicates": "未计入重复/转载 {n} 篇(--keep-duplicates 可计入)/ {n} {n:|duplicate|duplicates} left out (--keep-duplicates counts "
                           "them)",
    "timeline.undated": "无日期 {n} 篇(不在任何时段内)/ {n} {n:|article|articles} without a date (in no period){extra}",
    "timeline.no_term": "词 {term!r} 未出现 / term {term!r} does not occur",
    "timeline.agency_as": "机构 {agency!r} 按 {canonical} 计数(文中这样写)/ agency {agency!r} counted as {canonical} (written "
                          "so in the text)",
    "policy.citations": "引用 {citations} 处,语料内可解析 {resolved} 处({share:.1%})/ {citations} {citations:|reference|references}, {resolved} "
                        "resolved inside the corpus; by role: {roles}",
    "integer_at_least": "需要不小于 {low} 的整数 / must be an integer ≥ {low}: {text!r}",
    "kwic.how.token": "整词 / whole word",
    "kwic.how.sequence": "词序列 / token sequence {pieces}",
    "timeline.no_agency": "机构 {agency!r} 未被提及 / agency {agency!r} is not mentioned (use its canonical name)",
}

#: argparse's own usage errors in the CLI's bilingual form (``analysis.commands.messages.usage_message``;
#: printed as ``<prog>: 错误 / error: <message>`` after the usage line, exit status 2). ``args``/``arg``/
#: ``option`` are the options as typed, ``value`` the rejected value as argparse quotes it.
USAGE_ERRORS: dict[str, str] = {
    "required": "缺少必需的参数 / the following arguments are required: {args}",
    "invalid_choice": "参数 {arg} 的取值 {value} 无效,可选 {choices} / argument {arg}: invalid choice: {value} "
                      "(choose from {choices})",
    "unrecognized": "无法识别的参数 / unrecognized arguments: {args}",
    "expected_one": "参数 {arg} 需要一个值 / argument {arg}: expected one argument",
    "expected_at_least_one": "参数 {arg} 至少需要一个值 / argument {arg}: expected at least one argument",
    "invalid_value": "参数 {arg} 的取值 {value} 不是有效的 {type} / argument {arg}: invalid {type} value: {value}",
    "not_allowed": "参数 {arg} 不能与 {other} 同时使用 / argument {arg}: not allowed with argument {other}",
    "ambiguous": "选项 {option} 有歧义,可能是 {matches} / ambiguous option: {option} could match {matches}",
    "ignored_explicit": "参数 {arg} 不接受值 {value} / argument {arg}: ignored explicit argument {value}",
    #: an option's own check failed (its message is already bilingual, from ``MESSAGES``)
    "argument": "参数 / argument {arg}: {message}",
    #: any other argparse message (English only, as argparse words it)
    "other": "用法错误 / usage error: {message}",
}
