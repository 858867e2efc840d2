"""What a load noticed but did not refuse — the notes of the parse report (``FileReport.notes``,
``ParseReport.notes``) and the per-file errors the loader records without raising — by code, ``(Chinese,
English)`` — or ``(Chinese, English, bilingual)`` when the bilingual form is not the halves joined — filled
with ``str.format``. The library writes them with ``analysis.errors.note(code, **params)``
as bilingual text (``中文 / English``, :func:`labels.errors.joiner`): a parse report is stored with its
dataset as text; the dashboard shows one language (``ui.i18n.one_language``), the command line both.
Plain data, no project imports."""
from __future__ import annotations

NOTES: dict[str, tuple[str, ...]] = {
    # a sheet of a workbook left out: its own (bilingual) error follows the sheet's name
    "sheet_skipped": ("工作表 {sheet}: {error}", "sheet {sheet}: {error}", "工作表 {sheet}: {error}"),
    "no_cjk_font": ("没有中文字体", "no CJK font: pip install pylopdf-fonts-zh-cn or apt-get install fonts-noto-cjk"),
    "garbled_articles": ("{rows} 篇文章含 {bad} 个替换字符 �(原文件中的乱码)",
                         "{rows} {rows:|article holds|articles hold} {bad} replacement {bad:|character|characters} � (garbled in the file itself)"),
    "assembling": ("合并与查重", "assembling and marking duplicates"),
    "unreadable": ("无法读取({kind}: {exc})", "could not be read ({kind}: {exc})"),
    "fake_xlsx": ("扩展名为 .xlsx,但内容不是 XLSX 工作簿", "named .xlsx but not an XLSX workbook"),
    "read_as": ("扩展名为 .{ext},按内容读取为 {fmt}", "extension .{ext}, read as {fmt} from its content"),
    "source_urls": ("来源列 {column} 是网址,取其域名作为来源",
                    "the source column {column} holds URLs; their host names are used as the source"),
    "is_xlsx": ("扩展名为 .{ext},内容是 XLSX", "extension .{ext}, content is XLSX"),
    "no_articles": ("{name}: 没有文章", "no articles"),
    "no_input": ("没有输入文件", "no input files"),
    "total_too_large": ("超过本次载入总量上限 {limit:,} 字节,未读取", "over the limit of {limit:,} bytes per load; not read"),
    "no_such_file": ("文件不存在", "no such file or folder"),
    "empty_folder": ("文件夹是空的", "the folder is empty"),
    "json_as_text": ("不是有效的 JSON,按文本页读取", "not valid JSON; read as a text page"),
    "one_paragraph": ("只有一段文字({chars:,} 字),没有标题行:整段读作正文,标题留空",
                      "one paragraph ({chars:,} characters) and no title line: read whole as the body, title left empty"),
    "text_cut": ("文本超过 {limit:,} 字符,只读取了开头", "the text is longer than {limit:,} characters; only its start was read"),
    "cannot_read": ("无法读取: {exc}", "cannot read: {exc}"),
    "mixed_encodings": ("混合编码:第 {lines} 行按 {encoding} 读取,其余按 {rest}",
                        "mixed encodings: line(s) {lines} read as {encoding}, the rest as {rest}"),
    "encoding_uncertain": ("编码不确定,按 {encoding} 读取", "encoding uncertain, read as {encoding}"),
    "control_chars": ("{n} 个控制字符(不是文字)已删除,其中空字符 {nul} 个,第一个在第 {line} 行;"
                      "如果正文因此缺字,请检查导出该文件的程序",
                      "{n} control {n:|character|characters} (not text) removed, {nul} of them NUL "
                      "{nul:|byte|bytes}, the first on line {line}; if text is missing around them, check the "
                      "program that exported the file"),
    "json_nul": ("JSON 中 {n} 个空字符(\\u0000)已删除,它们不是文字", "{n} NUL {n:|character|characters} (\\u0000) in the "
                 "JSON removed: they are not text"),
    "bad_bytes": ("{bad} 个无效字节已替换为 �(按 {encoding} 读取)",
                  "{bad} invalid byte sequences replaced with � (read as {encoding})"),
    "bad_bytes_lines": ("{bad} 个无效字节已替换为 �(第 {lines} 行,按 {encoding} 读取)",
                        "{bad} invalid byte sequences replaced with � (line(s) {lines}, read as {encoding})"),
    "repeated_headers": ("{n} 行是重复的表头,已跳过", "{n} repeated header {n:|row|rows} skipped"),
    "dup_body": ("列 {column} 出现 {n} 次:各列内容按顺序合并为正文,每列一行",
                 "column {column} appears {n} times: the pieces are joined in order into the body, one per line"),
    "dup_title": ("列 {column} 出现 {n} 次:标题取第一列,其余列中不同的标题放在正文开头",
                  "column {column} appears {n} times: the title is the first; the other titles that differ open the body"),
    "dup_field": ("列 {column} 出现 {n} 次:取每行第一个非空值",
                  "column {column} appears {n} times: each row takes the first non-empty value"),
    "long_rows": ("{n} 行的字段多于表头,多出的字段未读取", "{n} {n:|row|rows} had more fields than the header; the extra fields were ignored"),
    "not_objects": ("{n} 个条目不是对象,已忽略", "{n} {n:|item was not an object|items were not objects} and {n:|was|were} ignored"),
    "json_lists": ("JSON 中有 {n} 个文章列表,全部读取: {lists}", "{n} {n:|list|lists} of articles in the JSON, all read: {lists}"),
    "bad_json_lines": ("{n} 行不是有效的 JSON,已跳过(第 {lines} 行)", "{n} invalid JSON {n:|line|lines} skipped ({n:|line|lines} {lines})"),
    "json_truncated": ("JSON 在第 {line} 行第 {column} 列中断({msg}),只读取了前 {n} 条完整记录",
                       "the JSON breaks at line {line} column {column} ({msg}); the first {n} complete records "
                       "were read"),
    "zip_read": ("压缩包内读取 {n} 个文件", "{n} {n:|file|files} read from the archive"),
    "zip_unsafe": ("跳过 {n} 个路径不安全的条目(含 .. 或绝对路径): {paths}",
                   "skipped {n} {n:|entry|entries} with unsafe paths (.. or absolute): {paths}"),
    "zip_system_files": ("跳过 {n} 个系统文件(__MACOSX、隐藏文件)", "skipped {n} system {n:|file|files}"),
    "zip_encrypted": ("ZIP 条目已加密,无法读取", "the entry is encrypted and cannot be read"),
    "zip_entry_too_large": ("解压后 {size:,} 字节,超过单文件上限 {limit:,}", "expands to {size:,} bytes, over the per-file limit"),
    "zip_entry_broken": ("ZIP 条目损坏: {exc}", "broken ZIP entry: {exc}"),
    "over_limit": ("共 {total:,} 篇,超过上限 {limit:,},其余未载入",
                   "{total:,} articles, over the limit of {limit:,}; the rest were not loaded"),
    "follow_tail": ("{n} 篇正文末尾的“关注官方微信/公众号”一行(如“更多信息请关注官方微信……”)已去掉",
                    "a \"follow our WeChat account\" line (\"for more, follow our official WeChat …\") was removed from "
                    "the end of {n} {n:|body|bodies}"),
    "app_tail": ("{n} 篇正文末尾的“下载客户端”一行(如“更多原创资讯请下载……APP”)已去掉",
                 "a \"download our app\" line (\"for more, download the … APP\") was removed from the end of {n} "
                 "{n:|body|bodies}"),
    "related_tail": ("{n} 篇正文末尾的“相关解读”链接行(如“相关解读：《……》解读”)已去掉",
                     "a \"related reading\" link line (\"相关解读：《…》解读\") was removed from the end of {n} "
                     "{n:|body|bodies}"),
    "excel_serial_dates": ("{n} 个日期是 Excel 的序列号(如 {example}),已按 1900 日期系统读作日期({example} = {day})",
                           "{n} {n:|date was|dates were} an Excel serial number (e.g. {example}), read as "
                           "{n:|a date|dates} in the 1900 date system ({example} = {day})"),
    "dates_unread": ("日期列 {n} 个值不是可识别的日期(如“{example}”),这些文章无日期",
                     "{n} {n:|value|values} of the date column {n:|is|are} not a date we can read (e.g. \"{example}\"): "
                     "{n:|that article has|those articles have} no date"),
    "bodies_cut": ("{n} 篇正文超过 {limit:,} 字符,已截断", "{n} {n:|body|bodies} longer than {limit:,} characters {n:|was|were} truncated"),
    "file_over_limit": ("超过每次 {limit:,} 篇上限,本文件未载入", "over the limit of {limit:,} articles per load; not loaded"),
    "file_cut": ("超过每次 {limit:,} 篇上限,只载入前 {keep} 篇",
                 "over the limit of {limit:,} articles per load; only the first {keep} loaded"),
    "header_row": ("表头在第 {row} 行;上方 {n} 行(标题或说明: {above})未作为文章读取",
                   "the header is on row {row}; the {n} row(s) above it (title or notes: {above}) were not read as "
                   "articles"),
    "no_chart_image": ("charts/{name}.{fmt}: 无法在服务器端生成图片(需要 Chromium)", "no server-side image export (needs Chromium)"),
    "no_chart_image_timeout": ("charts/{name}.{fmt}: 服务器端生成图片超时(重试一次仍超时),请稍后重新生成",
                               "the server-side image timed out (also when tried again): generate the report again "
                               "later"),
    "no_chart_image_failed": ("charts/{name}.{fmt}: 服务器端生成图片出错(已重试一次),请重新生成",
                              "the server-side image export failed (also when tried again): generate the report "
                              "again"),
    # the store's ingest (analysis.store.reading): a file it could not open, and "nothing" when no file says why
    "no_regular_file": ("文件不存在或不是普通文件", "no such regular file"),
    "file_over_limit_bytes": ("文件超过单文件上限 {limit:,} 字节", "over the per-file limit of {limit:,} bytes"),
    "nothing_at_all": ("没有文章", "no articles"),
}
