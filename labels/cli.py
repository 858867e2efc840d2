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
    "paths_or_dataset": "{command}: 需要 PATH 或 --dataset 之一,不能同时给出 / give either PATHs or --dataset NAME, not both",
    "paths_or_dataset_missing": "{command}: 请给出要分析的文件 PATH… 或已保存的数据集 --dataset NAME / give the files to analyse "
                                "(PATH…) or a saved dataset (--dataset NAME)",
    "empty_option": "{command}: {option} 不能为空 / {option} must not be empty",
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
    "timeline.term_mode.added": "term:{term} 按加入词典后的整词计数(--term-mode added,默认;时间线页面的“整词”= --term-mode "
                                "token):{n} 处 / term:{term} counted as a whole word with T added to the dictionary "
                                "(--term-mode added, the default; the 时间线 page's 整词 is --term-mode token): {n}",
    "timeline.term_mode.token": "term:{term} 按整词计数(--term-mode token,与时间线页面的“整词”相同):{n} 处 / term:{term} "
                                "counted as whole words (--term-mode token, the 时间线 page's 整词): {n}",
    "timeline.term_mode.sequence": "term:{term} 按词序列 {pieces} 计数(--term-mode token,与时间线页面的“整词”相同):{n} 处 / "
                                   "term:{term} counted as the token sequence {pieces} (--term-mode token, the 时间线 "
                                   "page's 整词): {n}",
    "timeline.term_mode.substring": "term:{term} 按子串计数(--term-mode substring,与时间线页面的“子串”相同):{n} 处 / "
                                    "term:{term} counted as substrings (--term-mode substring, the 时间线 page's 子串): {n}",
    "timeline.term_mode.regex": "term:{term} 按正则表达式的匹配计数(--term-mode regex):{n} 处 / term:{term} counted as "
                                "regular-expression matches (--term-mode regex): {n}",
    "timeline.stopword": "term:{term} 是用户停用词:keywords 不计它,这里仍按它的整词计数 / term:{term} is a user stopword: "
                         "keywords leaves it out, here its whole words are counted",
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

#: The help of every option of every command (``python -m analysis COMMAND --help``), keyed ``command.dest``
#: (``common.*``: the options every analysis command shares; ``parser.*``: argparse's own words), read by
#: ``analysis.commands.messages.option_help``. ``tests/test_cli_help.py`` checks every option has one.
OPTION_HELP: dict[str, str] = {
    "parser.help": "显示此帮助并退出 / show this help message and exit",
    "parser.positionals": "位置参数 / positional arguments",
    "parser.options": "选项 / options",
    "parser.command": "子命令(python -m analysis COMMAND --help 查看其选项)/ the command (COMMAND --help lists its "
                      "options)",
    "common.paths": "文件或文件夹(CSV/TSV、XLSX、JSON、JSONL、TXT、HTML、ZIP)/ files or folders (CSV/TSV, XLSX, JSON, "
                    "JSONL, TXT, HTML, ZIP)",
    "common.dataset": "资料库中的数据集(名称或 id,见 ingest),代替 PATH:读取其已存储的表 / a library dataset (name or id, "
                      "see `ingest`) instead of PATHs: reads its stored tables",
    "common.format": "输出格式(默认 csv)/ output format (default csv)",
    "common.output": "写入此文件,而非标准输出 / write here instead of stdout",
    "common.report_output": "要写入的文件(必需):.html、.docx 或 .zip / the file to write (required): .html, .docx or .zip",
    "common.keep_duplicates": "转载/重复文章分别计数(默认:每篇报道只计一次)/ count reposts/duplicates as separate "
                              "articles (default: each story once)",
    "common.to_simplified": "读取时把繁体中文转为简体(OpenCC)/ convert traditional Chinese to simplified (OpenCC) while "
                            "loading",
    "common.user_dict": "同时使用在应用中保存的自定义词、停用词与同义词(data/user/user_dict.json)/ also use the "
                        "words/stopwords/synonyms saved in the app (data/user/user_dict.json)",
    "common.register": "排名时去掉的语体停用词:policy(应当、可以、规定 … data/stopwords_policy.txt)、news(记者、日电 …)、"
                       "none;auto(默认)= 多数文章是政策文件时用 policy,多数是新闻报道(电头、记者署名、媒体来源)时用 news,否则 none / "
                       "register stopwords left out of the ranking: policy (data/stopwords_policy.txt), news "
                       "(data/stopwords_news.txt), none; auto (default) = policy when most articles are policy "
                       "documents, news when most are news reports (dateline, byline, news outlet), else none",
    "keywords.top": "输出的词数(默认 100)/ number of terms (default 100)",
    "keywords.min_length": "保留的最短词长,以字计(默认 2;1 保留单字)/ shortest term kept, in characters (default 2; 1 "
                           "keeps single characters)",
    "kwic.term": "检索词(--mode regex 时为正则表达式)/ the term (or, with --mode regex, the pattern)",
    "kwic.width": "每侧的上下文字数(默认 20)/ context characters each side (default 20)",
    "kwic.sort": "行的顺序:position 出现位置(默认)、right 右侧上下文、left 左侧上下文、date 文章日期 / row order: "
                 "position (default), right context, left context, or article date",
    "kwic.mode": "token:整词,被切开的短语按词序列匹配(默认);substring:字符出现的每一处;regex:Python 正则表达式 / "
                 "token: whole words, a split phrase as a token sequence (default); substring: every occurrence of "
                 "the characters; regex: a Python regular expression",
    "kwic.substring": "同 --mode substring(市场监管 中的 监管 也算)/ same as --mode substring (监管 inside 市场监管 too)",
    "kwic.details": "同时输出每篇文章的标题、日期、来源与网址 / also print each article's title, date, source and url",
    "agencies.by_document": "每篇文章、机构与写法一行:id, file, agency, surface, mentions / one row per article, agency "
                            "and surface form: id, file, agency, surface, mentions",
    "agencies.include_foreign": "也统计外国政府机构(美国国务院、俄罗斯国防部 …),默认不计 / also count foreign "
                                "government bodies; left out by default",
    "agencies.include_media": "也统计新闻机构(中央广播电视总台、新华社、人民日报社、各地融媒体中心 …),默认不计 / also "
                              "count news organisations; left out by default",
    "agencies.no_foreign": "为兼容而保留:现在默认就不计外国机构(优先于 --include-foreign)/ kept for compatibility: "
                           "leaving out foreign bodies is the default now (wins over --include-foreign)",
    "agencies.successors": "已不再使用的名称按其继任机构计数(建设部 → 住房和城乡建设部,河北省质量技术监督局 → "
                           "河北省市场监督管理局)/ count names no longer in use under their successor",
    "agencies.unresolved": "列出无法确定所属地区的简称:surface, level, mentions, documents / list the bare forms whose "
                           "region could not be resolved: surface, level, mentions, documents",
    "timeline.freq": "时段长度(默认自动:不超过 100 个时段的最细粒度)/ period length (default: automatic — the finest "
                     "giving at most 100 periods)",
    "timeline.by": "按来源拆分(长表:period, source, articles, …)/ split by source (long format: period, source, "
                   "articles, ...)",
    "timeline.term": "增加一列 term:T(可重复);T 作为整词切分 / add a column term:T (repeatable); T is kept whole by "
                     "the tokenizer",
    "timeline.term_mode": "term:T 的计数方式:added 把 T 加入词典后按整词计(默认)、token 整词(与时间线页面的“整词”相同)、"
                          "substring 子串(页面的“子串”)、regex 正则表达式 / how term:T counts: added — T added to the "
                          "dictionary, then whole words (default); token — whole words (the 时间线 page's 整词); substring "
                          "(the page's 子串); regex — a Python regular expression",
    "timeline.term_measure": "count 次数(默认)、per_1000 每千词或 share 占该时段文章的比例 / count (default), per_1000 "
                             "(per 1,000 tokens) or share (of the period's articles)",
    "timeline.agency": "增加一列 agency:A(可重复;A 为机构的规范名称)/ add a column agency:A (repeatable; A = the "
                       "agency's canonical name)",
    "timeline.agency_measure": "mentions 提及次数(默认)或 articles 提及该机构的文章数 / mentions (default) or articles "
                               "(articles mentioning the agency)",
    "report.date_from": "起始日(含)/ first day (inclusive)",
    "report.date_to": "截止日(含)/ last day (inclusive)",
    "report.source": "只保留此来源(可重复)/ keep this source (repeatable)",
    "report.query": "关键词查询:空格 = 且,OR = 或,NOT 或 -词 = 排除(如 \"计量 OR 标准化 NOT 广告\")/ keyword query: "
                    "space = AND, OR, NOT/-word (e.g. \"计量 OR 标准化 NOT 广告\")",
    "report.agency": "只保留提及此机构的文章(规范名称;可重复)/ keep articles naming this agency (canonical name; "
                     "repeatable)",
    "report.lang": "报告的语言(默认 zh)/ the report's language (default zh)",
    "report.title": "标题中的数据集名称(默认:文件名)/ dataset name in the title (default: the files)",
    "policy.citations": "每处引用一行:id, cited_title, cited_doc_number, role, resolved_id, sentence / one row per "
                        "reference: id, cited_title, cited_doc_number, role, resolved_id, sentence",
    "policy.include_self": "与 --citations 同用:保留文件对自身的引用(以下简称《办法》 …)/ with --citations: keep the "
                           "references of a document to itself (以下简称《办法》 …)",
    "ingest.paths": "要导入的文件或文件夹 / files or folders to ingest",
    "ingest.name": "数据集的显示名称 / the dataset's display name",
    "ingest.scheduler": "Dask 调度器地址(tcp://host:8786);默认 $WENJIAN_DASK_SCHEDULER,否则在本机运行 / Dask "
                        "scheduler address (tcp://host:8786); default $WENJIAN_DASK_SCHEDULER, else local",
    "ingest.workers": "本机进程数(默认:CPU 核数;有 --scheduler 时忽略)/ local processes (default: the CPU count; "
                      "ignored with --scheduler)",
    "ingest.quiet": "不在标准错误输出进度 / no progress lines on stderr",
}
