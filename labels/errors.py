"""The library's error messages by code (``analysis.errors``: an exception carries a code and its
parameters). Each entry is ``(Chinese, English)`` — or ``(Chinese, English, bilingual)`` when the bilingual
form is not the two halves joined (a list of files after both) — filled with ``str.format`` (``{value!r}``,
``{n:,}`` …): what is wrong and what to do. The bilingual form — the command line's, the logs', the parse report's — is
``中文 / English`` (:func:`error_message`, :func:`joiner`); the dashboard shows one half (``ui.i18n.error_text``).
Plain data, no project imports."""
from __future__ import annotations

from collections.abc import Mapping

from labels import fill

ERRORS: dict[str, tuple[str, ...]] = {
    # options (analysis.errors.invalid_option and the option checks of every module)
    "option.invalid": ("选项 {name} 的值无效: {value!r};可选: {allowed}", "invalid {name} {value!r}; allowed: {allowed}"),
    # loaders: files, ZIP archives, pages, column mapping
    "load.binary": ("二进制数据,不是文本或表格", "binary data, not text or a table (check the file type)"),
    "load.empty_file": ("文件为空", "the file is empty"),
    "load.office_document": ("Word/PowerPoint 文档不受支持,请另存为 TXT 或 HTML",
                             "Word/PowerPoint documents are not supported; save as TXT or HTML"),
    "load.renamed_document": ("不是有效的 {zh} 文件(.{ext}):文件可能已损坏,或只是改了扩展名。{zh} 文件本身也不能直接读取:"
                              "请将内容另存为 TXT 或 HTML(网页)后再载入",
                              "not a valid {en} file (.{ext}): it may be damaged or only renamed. {en} files are not "
                              "read directly either: save the content as TXT or HTML and load that"),
    "load.binary_table": ("这不是文本表格(.{ext} 文件的内容是二进制数据,不是文字):请确认选对了文件;表格请在 Excel "
                          "等软件中另存为 CSV(UTF-8)或 XLSX 后再载入",
                          "this is not a text table (the .{ext} file holds binary data, not text): check that this "
                          "is the right file; save a spreadsheet from Excel (or the like) as CSV (UTF-8) or XLSX "
                          "and load that"),
    "load.not_articles": ("这是{zh},不是文章集(支持 CSV/TSV、XLSX、JSON、JSONL、TXT、HTML、ZIP)",
                          "this is a {en}, not an article collection (supported: CSV/TSV, XLSX, JSON, JSONL, TXT, "
                          "HTML, ZIP)"),
    "zip.broken": ("ZIP 文件损坏: {exc}", "broken ZIP archive: {exc}"),
    "xlsx.broken_container": ("不是有效的 XLSX 工作簿(ZIP 容器损坏: {exc})", "not a valid XLSX workbook (broken container: {exc})"),
    "zip.too_deep": ("压缩包嵌套超过 {limit} 层", "archives nested more than {limit} levels deep"),
    "zip.empty": ("ZIP 压缩包是空的", "the ZIP archive is empty"),
    "zip.too_many_entries": ("ZIP 中有 {entries:,} 个文件,超过上限 {limit:,},未解压",
                             "the ZIP holds {entries:,} files, over the limit of {limit:,}; nothing was expanded"),
    "zip.too_large": ("ZIP 解压后共 {expanded:,} 字节,超过上限 {limit:,},未解压(疑似压缩炸弹)",
                      "the ZIP expands to {expanded:,} bytes, over the limit of {limit:,}; nothing was expanded "
                      "(possible ZIP bomb)"),
    "page.empty": ("页面是空的", "the page is empty"),
    "page.binary": ("这不是文本或 HTML 文件(内容是二进制数据)", "not a text or HTML file (binary content)"),
    "page.bad_html": ("无法解析 HTML: {exc}", "cannot parse the HTML"),
    "columns.no_text": ("找不到正文或标题列;表的列: {columns}。请把正文列的表头改为“正文”(或“body”“content”)、"
                        "标题列改为“标题”(或“title”)后重新上传",
                        "no text column (title or body) found; the table's columns: {columns}. Rename the body "
                        "column's header to body (or \"正文\", content) and the title column's to title (or \"标题\"), "
                        "then upload the file again"),
    "columns.unknown_field": ("未知字段 {field!r}(可用: {fields})", "unknown field {field!r}; use one of {fields}"),
    "columns.missing_column": ("指定的列 {column!r} 不在表中;表的列: {columns}",
                               "column {column!r} (for {field}) is not in this table; its columns: {columns}"),
    "page.no_article": ("没有找到文章正文(正文不足 {min_chars} 字),请检查这是否是一篇文章的页面",
                        "no article found (body under {min_chars} characters); check that this is an article page"),
    # loaders: tables, JSON, XLSX, the whole load
    "xlsx.no_parts": ("不是 XLSX 工作簿(ZIP 中没有 xl/ 工作表)", "not an XLSX workbook (no xl/ parts in the ZIP)"),
    "xlsx.too_large": ("XLSX 解压后 {expanded:,} 字节,超过上限 {limit:,}",
                       "the workbook expands to {expanded:,} bytes, over the limit of {limit:,}"),
    "xlsx.no_data": ("XLSX 工作簿中没有数据", "the workbook has no data"),
    "json.no_objects": ("JSON 数组中没有对象", "the JSON array holds no objects (expected one object per article)"),
    "jsonl.no_objects": ("JSON Lines 中没有对象", "no JSON objects in the lines (expected one object per line)"),
    "table.empty": ("表格为空", "the table is empty"),
    "table.too_many_columns": ("表格有 {columns:,} 列,超过上限 {limit:,}",
                               "the table has {columns:,} columns, more than the limit of {limit:,}"),
    "csv.malformed": ("CSV 格式错误(第 {line} 行): {exc}", "malformed CSV at line {line}: {exc}"),
    "xlsx.broken_zip": ("不是有效的 XLSX 工作簿(ZIP 容器损坏: {exc})", "not a valid XLSX workbook (broken ZIP container: {exc})"),
    "xlsx.unreadable": ("XLSX 工作簿无法读取: {kind}: {exc}", "cannot read the workbook: {exc}"),
    "xlsx.sheet_unreadable": ("XLSX 工作表无法读取: {kind}: {exc}", "cannot read a sheet: {exc}"),
    "json.too_deep_levels": ("JSON 嵌套层数过深,无法读取", "the JSON is nested too deeply to read (too many levels of [ or {{)"),
    "json.no_records": ("JSON 中没有文章记录(需要对象数组)", "no article records in the JSON (expected an array of objects)"),
    "jsonl.no_valid_line": ("JSON Lines 中没有有效的行(第 {line} 行: {error_zh})",
                            "no valid JSON line (line {line}: {error_en})"),
    "xlsx.too_many_columns": ("工作表 {sheet} 有 {columns:,} 列,超过上限 {limit:,}",
                              "sheet {sheet} has {columns:,} columns, over the limit of {limit:,}"),
    "json.too_deep": ("JSON 嵌套层数过深,无法读取", "the JSON is nested too deeply to read"),
    "load.nothing_read": ("没有读到任何文章 — {files}",
                          "nothing could be read — {files}",
                          "没有读到任何文章 / nothing could be read — {files}"),
    "load.xls": ("旧版 Excel (.xls) 不受支持,请另存为 .xlsx 或 CSV", "old Excel .xls is not supported; save it as .xlsx or CSV"),
    "load.fake_xlsx": ("扩展名为 .xlsx,但这不是 XLSX 工作簿(也不是表格或 JSON)",
                       "named .xlsx but it is not an XLSX workbook (nor a recognisable table or JSON)"),
    "load.file_too_large": ("文件有 {size:,} 字节,超过单文件上限 {limit:,}",
                            "the file has {size:,} bytes, over the per-file limit of {limit:,}"),
    "xlsx.no_text_sheet": ("没有工作表含正文或标题列;列: {columns}", "no sheet has a title or body column; columns: {columns}"),
    "table.no_articles": ("表格中没有文章(共 {rows} 行,均无标题和正文)",
                          "no articles in the table ({rows} {rows:|row|rows}, none with a title or body)"),
    "load.not_regular": ("不是普通文件", "not a regular file"),
    # the store's ingest (analysis.store.reading, analysis.store.ingest)
    "ingest.too_many_articles": ("共 {total:,} 篇,超过上限 {limit:,}(WENJIAN_MAX_ARTICLES)",
                                 "{total:,} articles, over the limit of {limit:,} (raise WENJIAN_MAX_ARTICLES)"),
    "ingest.names_missing": ("内部错误:词表不完整", "internal error: {n} {n:|name|names} missing from {path}"),
    "store.tables_disagree": ("数据存储的表不一致: {path};请重新导入", "the store's tables disagree; ingest again"),
    "store.parts_disagree": ("数据存储的表不一致: {path};请重新导入", "the store's parts disagree; ingest again"),
    "store.damaged": ("数据存储不完整或已损坏: {path} ({exc});请重新导入",
                      "the store at {path} is incomplete or damaged; ingest the dataset again"),
    "store.no_citations": ("数据存储建于引用表之前(或其引用表尚无导入时解析的目标): {path};请用 "
                           "`python -m analysis ingest` 重新导入后查看引用",
                           "the store at {path} was built before the citation tables (or before their targets were "
                           "resolved at ingest); ingest the dataset again "
                           "(python -m analysis ingest) to see its citations"),
    "store.missing_tables": ("数据存储缺少表 {tables}: {path}", "the store lacks tables {tables}; ingest the dataset again"),
    "dask.not_installed": ("需要安装 dask[distributed]", "install dask[distributed] to use a scheduler"),
    "dask.unreachable": ("无法连接 Dask 调度器 {address!r}",
                         "cannot reach the Dask scheduler {address!r} ({exc}); start it with `dask scheduler`"),
    "dask.no_code": ("Dask 调度器或工作进程无法导入本项目的代码({exc});请在启动 `dask scheduler` 和 `dask worker` 时"
                     "把项目目录放入 `PYTHONPATH`,例如 `PYTHONPATH=/path/to/wenjian dask worker …`",
                     "the Dask scheduler or a worker cannot import this project's code ({exc}); start `dask scheduler` "
                     "and `dask worker` with the project folder on PYTHONPATH, e.g. `PYTHONPATH=/path/to/wenjian dask worker …`"),
    "dask.other_code": ("Dask 集群中 {where} 运行的是本项目的另一版本代码;请用同一版本重启它们",
                        "another version of this project's code runs on {where} of the Dask cluster; restart "
                        "them with this version"),
    "dask.no_workers": ("Dask 调度器没有连接任何工作进程;请先启动 `dask worker`",
                        "the Dask scheduler has no workers; start `dask worker` first"),
    "load.total_too_large": ("超过本次载入总量上限 {limit:,} 字节,未读取", "over the limit of {limit:,} bytes per load; not read"),
    "json.invalid": ("JSON 无效或被截断(第 {line} 行第 {column} 列: {msg})",
                     "invalid or truncated JSON (line {line} column {column}: {msg})"),
    # the library of datasets, downloads, queries, KWIC, the user dictionary, the command line
    "library.no_dataset": ("数据集不存在(可能已被删除): {dataset!r};请刷新列表",
                           "no dataset {dataset!r} in the library (deleted?); refresh the list"),
    "library.merge_two": ("合并至少需要两个不同的数据集", "merging needs at least two different datasets"),
    "library.bad_manifest": ("数据集目录清单损坏,请检查或移走 {path}",
                             "the library manifest is unreadable ({exc}); inspect or move it away"),
    "library.unreadable": ("数据集文件无法读取: {name} ({exc});请删除后重新上传",
                           "the stored file of {name!r} cannot be read; delete it and upload again"),
    "library.full": ("数据集库空间不足:已用 {used:.0f} MB,本数据集 {size:.1f} MB,上限 {budget:.0f} MB;请删除不用的数据集",
                     "the library is full ({used:.0f} MB used + {size:.1f} MB > {budget:.0f} MB); delete datasets "
                     "you no longer need"),
    "library.nothing_to_save": ("没有文章", "no articles to save"),
    "xlsx.table_too_large": ("表格过大,Excel 最多 {max_rows} 行、{max_columns} 列(当前 {rows} 行、{columns} 列);请下载 CSV",
                             "the table has {rows} rows and {columns} columns, more than Excel allows; download "
                             "CSV instead"),
    "kwic.bad_regex": ("正则表达式无效:{exc}(如要按字面查找,请改用“子串”模式)",
                       "invalid regular expression {pattern!r}: {exc} (use the substring mode to search the "
                       "characters literally)"),
    "query.ends_with_not": ("查询以 NOT 结尾: {text!r}", "query ends with NOT: add the word to exclude"),
    "query.syntax": ("查询语法错误(引号未闭合?): {text!r}", "query syntax error: {exc}"),
    "filters.need_mentions": ("按机构筛选需要机构提及表", "filtering by agency needs the mentions table"),
    "user_dict.too_many": ("用户词典最多 {limit} 条", "the user dictionary holds at most {limit} entries per list"),
    "user_dict.bad_synonym": ("同义词需要两个词: {pair!r}", "a synonym needs a variant and a canonical form"),
    "user_dict.no_equals": ("第 {n} 行缺少 '=': {line!r};写成 变体=标准词", "line {n} needs 'variant=canonical'"),
    "cli.substring_mode": ("--substring 与 --mode {mode} 冲突", "--substring contradicts --mode {mode}: give one of them"),
    "cli.from_after_to": ("--from {date_from:%Y-%m-%d} 晚于 --to {date_to:%Y-%m-%d}", "--from is after --to"),
    "cli.no_dataset": ("数据集库中没有 {name!r}",
                       "no dataset {name!r} in the library {root}; known: {known}. Create one with `python -m "
                       "analysis ingest PATH... --name NAME`"),
    "cli.workers": ("--workers 需要 ≥ 1", "--workers must be ≥ 1: {workers}"),
    "zip.nothing_readable": ("ZIP 中没有可读取的文件", "no readable files in the ZIP archive"),
    "zip.nothing_readable_unsafe": ("ZIP 中没有可读取的文件(跳过不安全路径: {path})",
                                    "no readable files in the ZIP archive (an unsafe path was skipped: {path})"),
    # the agency table (analysis.agency_table): {name} = the file, {row} = its line (the header is line 1)
    "agencies.unreadable": ("无法读取机构表: {exc}", "cannot read the agency table: save it as UTF-8 CSV"),
    "agencies.missing_columns": ("{name}: 缺少列 {missing}", "{name}: missing columns {missing}; needed: {columns}",
                                 "{name}: 缺少列 {missing} / missing columns {missing}; needed: {columns}"),
    "agencies.empty_canonical": ("{name} 第 {row} 行: canonical 为空", "{name} row {row}: empty canonical name",
                                 "{name} 第 {row} 行: canonical 为空 / row {row}: empty canonical name"),
    "agencies.name_too_short": ("{name} 第 {row} 行: 名称 {alias!r} 太短(至少 2 个字)",
                                "{name} row {row}: name {alias!r} is too short to match safely (2+ characters)",
                                "{name} 第 {row} 行: 名称 {alias!r} 太短(至少 2 个字) / row {row}: name {alias!r} is too "
                                "short to match safely (2+ characters)"),
    "agencies.alias_twice": ("{name} 第 {row} 行: {alias!r} 同时属于 {other} 和 {canonical}",
                             "{name} row {row}: {alias!r} is listed for both {other} and {canonical}",
                             "{name} 第 {row} 行: {alias!r} 同时属于 {other} 和 {canonical} / row {row}: {alias!r} is "
                             "listed for both {other} and {canonical}"),
    "agencies.canonical_twice": ("{name}: 重复的 canonical {names}", "{name}: canonical listed twice: {names}",
                                 "{name}: 重复的 canonical {names} / canonical listed twice: {names}"),
    "agencies.empty_candidate": ("候选名称为空", "empty candidate name"),
    # the agency history table (analysis.agency_history): {where} = "<file> row <n>"
    "history.not_found": ("找不到机构沿革表", "agency history table not found"),
    "history.unreadable": ("无法读取机构沿革表: {exc}", "cannot read the agency history table: save it as UTF-8 CSV"),
    "history.bad_date": ("{field}: 日期 {text!r} 无效", "{field}: invalid date {text!r}: write YYYY, YYYY-MM or YYYY-MM-DD",
                         "{field}: 日期 {text!r} 无效 / invalid date {text!r}: write YYYY, YYYY-MM or YYYY-MM-DD"),
    "history.ends_before_start": ("{where}: valid_to {valid_to} 早于 valid_from {valid_from}",
                                  "{where}: valid_to {valid_to} is before valid_from {valid_from}",
                                  "{where}: valid_to {valid_to} 早于 valid_from {valid_from} / valid_to is before "
                                  "valid_from"),
    "history.not_canonical": ("{where}: {body!r} 不在机构表中",
                              "{where}: {body!r} is not a canonical name of the agency table (add the body to "
                              "data/agencies.csv first)",
                              "{where}: {body!r} 不在机构表中 / is not a canonical name of the agency table (add the "
                              "body to data/agencies.csv first)"),
    "history.unknown_successor": ("{where}: 承继机构 {successor!r} 未知",
                                  "{where}: successor {successor!r} is neither in the agency table nor in the history "
                                  "table",
                                  "{where}: 承继机构 {successor!r} 未知 / successor {successor!r} is neither in the agency "
                                  "table nor in the history table"),
    "history.local_needs_region": ("{where}: 地方机构名 {body!r} 缺少 {{r}}",
                                   "{where}: the local name {body!r} needs the region placeholder {{r}} (e.g. "
                                   "{{r}}质量技术监督局)",
                                   "{where}: 地方机构名 {body!r} 缺少 {{r}} / a local name needs the region placeholder "
                                   "{{r}} (e.g. {{r}}质量技术监督局)"),
    "history.no_rule": ("{where}: 部门规则 {rule!r} 不存在",
                        "{where}: no department rule {key!r} in data/agency_templates.csv",
                        "{where}: 部门规则 {rule!r} 不存在 / no department rule {key!r} in data/agency_templates.csv"),
    "history.local_successor_needs_region": ("{where}: 承继机构 {successor!r} 缺少 {{r}}",
                                             "{where}: the local successor {successor!r} needs {{r}}, {{s}} or @rule "
                                             "(or a region column)",
                                             "{where}: 承继机构 {successor!r} 缺少 {{r}} / a local successor needs {{r}}, "
                                             "{{s}} or @rule (or a region column)"),
    "history.ended_without_successor": ("{where}: {body} 已撤销但没有承继机构",
                                        "{where}: {body} ended ({valid_to}) without a successor: give one, or rollup "
                                        "'-'",
                                        "{where}: {body} 已撤销但没有承继机构 / ended ({valid_to}) without a successor: "
                                        "give one, or rollup '-'"),
    "history.loop": ("agency_history.csv: 承继链成环: {chain}", "agency_history.csv: successor chain loops: {chain}",
                     "agency_history.csv: 承继链成环 / successor chain loops: {chain}"),
}


def error_message(code: str, params: Mapping[str, object], lang: str | None = None) -> str:
    """The message of ``code`` filled with ``params``: in ``lang`` (``zh``/``en``), or both (``中文 /
    English``) when ``lang`` is None."""
    zh, en, *bilingual = ERRORS[code]
    if lang is None and bilingual:
        return fill(bilingual[0], **params)
    if lang == "en":
        return fill(en, **params)
    if lang == "zh":
        return fill(zh, **params)
    return fill(zh, **params) + joiner(zh) + fill(en, **params)


def joiner(zh: str) -> str:
    """What stands between the halves of a bilingual message: `` / ``, or ``/ `` after a closing bracket
    (the project's typography: ``…(归入 3 组)/ 3 duplicates …``)."""
    return "/ " if zh.endswith((")", "）")) else " / "
