"""The README documents every command, and its first lines are the two commands that matter."""

from pathlib import Path

import click

from leadguard.cli import cli

README = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")


def _commands(group: click.Group, prefix: str = "leadguard") -> list[str]:
    names = []
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            names += _commands(command, f"{prefix} {name}")
        else:
            names.append(f"{prefix} {name}")
    return names


def test_every_command_is_in_the_readme() -> None:
    missing = [c for c in _commands(cli) if c not in README]
    assert not missing


def test_every_command_has_help_with_an_example() -> None:
    for name, command in cli.commands.items():
        commands = command.commands.values() if isinstance(command, click.Group) else [command]
        for c in commands:
            assert c.help and c.help.strip(), name


def test_the_readme_starts_with_the_main_job_and_the_tests() -> None:
    blocks = README.split("```")
    main_job, tests = blocks[1], blocks[3]
    assert "leadguard" in main_job and "run sample_data/manifest.toml" in main_job
    assert "pytest" in tests and "ruff" in tests and "mypy" in tests
    ci = (Path(__file__).parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    assert tests.strip().splitlines()[-1] in ci
