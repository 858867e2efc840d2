"""The command line's help speaks both languages (中文 / English) like its messages: every command and every
option has Chinese help, argparse's own words (section headings, -h) too, and the help is wrapped by
terminal columns (a Chinese character takes two). Option names and defaults are the CLI contract: unchanged."""
from __future__ import annotations

import argparse
import re

import pytest

from analysis import cli
from analysis.commands.messages import display_width, option_help, wrap_columns
from labels.cli import OPTION_HELP

CHINESE = re.compile(r"[\u4e00-\u9fff]")
ENGLISH = re.compile(r"[A-Za-z]{3,}")


def subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


def bilingual(text: str | None) -> bool:
    """Chinese first, then `` / `` or ``/ ``, then English words."""
    if not text:
        return False
    zh, sep, en = text.partition("/ ")
    return bool(sep) and bool(CHINESE.search(zh)) and bool(ENGLISH.search(en))


def test_every_option_of_every_command_has_chinese_help():
    parser = cli.build_parser()
    checked = 0
    for name, sub in [("python -m analysis", parser), *subparsers(parser).items()]:
        assert bilingual(sub.description), name
        for action in sub._actions:
            if isinstance(action, argparse._SubParsersAction):
                assert bilingual(action.help)
                for choice in action._choices_actions:      # each command's line in the top-level help
                    assert bilingual(choice.help), choice.dest
                continue
            label = f"{name} {'/'.join(action.option_strings) or action.dest}"
            assert bilingual(action.help), f"{label}: {action.help!r}"
            checked += 1
    # the top-level -h and the 92 options of the 8 commands (kwic: -h, 6 shared options and 7 of its own;
    # timeline's --term-mode the 91st, tester s14 T1; timeline's --user-dict the 92nd, tester s16 K2)
    assert checked == 93 and len(subparsers(parser)) == 8
    assert len(subparsers(parser)["kwic"]._actions) == 14


def test_every_help_text_of_the_catalogue_is_used():
    """No stale entry: each ``OPTION_HELP`` text is some option's help, or one of argparse's own words."""
    parser = cli.build_parser()
    used = {a.help for p in [parser, *subparsers(parser).values()] for a in p._actions}
    own = {"parser.positionals", "parser.options"}
    assert {k for k in OPTION_HELP if k not in own and option_help(k) not in used} == set()


def test_help_output_is_bilingual_and_fits_the_terminal(monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    parser = cli.build_parser()
    for name, sub in [("", parser), *subparsers(parser).items()]:
        text = sub.format_help()
        assert text.startswith("usage: python -m analysis"), name   # argparse's word: scripts read it
        assert "\n选项 / options:\n" in text and "显示此帮助并退出 / show this help message and exit" in text, name
        assert "positional arguments:" not in text.replace("位置参数 / positional arguments:", ""), name
        wide = [line for line in text.splitlines() if display_width(line) > 80]
        assert wide == [], name
    monkeypatch.setenv("COLUMNS", "250")   # wide enough for every help on one line
    kwic = subparsers(cli.build_parser())["kwic"].format_help()
    assert "  --term T              检索词(--mode regex 时为正则表达式)/ the term (or, with --mode regex, the pattern)\n" in kwic
    assert "  --width N             每侧的上下文字数(默认 20)/ context characters each side (default 20)\n" in kwic


def test_percent_in_a_help_text_is_printed_as_is(monkeypatch):
    monkeypatch.setitem(OPTION_HELP, "test.pct", "占比 % / share %")
    parser = cli.build_parser()
    parser.add_argument("--pct", action="store_true", help=option_help("test.pct"))
    assert "占比 % / share %" in parser.format_help()


@pytest.mark.parametrize("text, width, lines", [
    ("输出格式(默认 csv)/ output format (default csv)", 20,
     ["输出格式(默认 csv)/", "output format", "(default csv)"]),
    ("行的顺序:position 出现位置(默认)", 17, ["行的顺序:position", "出现位置(默认)"]),
    ("行的顺序:position 出现位置(默认)", 16, ["行的顺序", ":position 出现位", "置(默认)"]),
    ("中文中文中文", 5, ["中文", "中文", "中文"]),
    ("see data/user/user_dict.json now", 10, ["see", "data/user/user_dict.json", "now"]),
    ("  spaces   collapse  ", 40, ["spaces collapse"]),
    ("", 10, []),
])
def test_wrap_columns(text, width, lines):
    assert wrap_columns(text, width) == lines
    assert all(display_width(line) <= width for line in lines if " " in line or not line.isascii())


def test_display_width_counts_wide_characters_twice():
    assert display_width("abc") == 3
    assert display_width("中文") == 4
    assert display_width("\uff08默认 csv\uff09") == 2 + 4 + 1 + 3 + 2    # full-width brackets are wide too
    assert display_width("(默认 csv)") == 1 + 4 + 1 + 3 + 1    # the CLI's ASCII brackets are not
    assert display_width("") == 0


def test_options_and_defaults_are_unchanged():
    """The contract of articles, keywords, kwic, agencies and timeline (and the others): option strings, dest,
    default, choices, required — as before the help was translated."""
    parser = cli.build_parser()
    got = {name: {(tuple(a.option_strings), a.dest, repr(a.default), a.required,
                   tuple(a.choices) if a.choices else None) for a in sub._actions}
           for name, sub in subparsers(parser).items()}
    common = {(("-h", "--help"), "help", "'==SUPPRESS=='", False, None),
              ((), "paths", "None", True, None),    # argparse marks a positional nargs="*" required
              (("--dataset",), "dataset", "None", False, None),
              (("--keep-duplicates",), "keep_duplicates", "False", False, None),
              (("--to-simplified",), "to_simplified", "False", False, None)}
    table = {(("--format",), "format", "'csv'", False, ("csv", "jsonl")),
             (("-o", "--output"), "output", "None", False, None)}
    assert got["articles"] == common | table
    assert got["keywords"] == common | table | {
        (("--top",), "top", "100", False, None), (("--min-length",), "min_length", "2", False, None),
        (("--user-dict",), "user_dict", "False", False, None),
        (("--register",), "register", "'auto'", False, ("auto", "policy", "news", "none"))}
    assert got["kwic"] == common | table | {
        (("--term",), "term", "None", True, None), (("--width",), "width", "20", False, None),
        (("--sort",), "sort", "'position'", False, ("position", "left", "right", "date")),
        (("--mode",), "mode", "None", False, ("token", "substring", "regex")),
        (("--substring",), "substring", "False", False, None), (("--details",), "details", "False", False, None),
        (("--user-dict",), "user_dict", "False", False, None)}
    assert got["agencies"] == common | table | {
        (("--by-document",), "by_document", "False", False, None),
        (("--include-foreign",), "include_foreign", "False", False, None),
        (("--include-media",), "include_media", "False", False, None),
        (("--no-foreign",), "no_foreign", "False", False, None),
        (("--successors",), "successors", "False", False, None),
        (("--unresolved",), "unresolved", "False", False, None)}
    assert got["timeline"] == common | table | {
        (("--freq",), "freq", "None", False, ("day", "week", "month", "quarter", "year")),
        (("--by",), "by", "None", False, ("source",)),
        (("--term",), "term", "[]", False, None),
        (("--term-measure",), "term_measure", "'count'", False, ("count", "per_1000", "share")),
        # added with tester s14 T1; its default is the count before the option existed
        (("--term-mode",), "term_mode", "'added'", False, ("added", "token", "substring", "regex")),
        (("--agency",), "agency", "[]", False, None),
        (("--agency-measure",), "agency_measure", "'mentions'", False, ("mentions", "articles")),
        # added with tester s16 K2: keywords and kwic took it, timeline did not
        (("--user-dict",), "user_dict", "False", False, None)}
