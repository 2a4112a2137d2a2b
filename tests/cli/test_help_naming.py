"""Every command's options follow one naming scheme, so that `--help` pages read alike side by side.

The rules are checked on the click objects behind `wordgan CMD --help`, for every command and subcommand,
and behind the plugins' own commands (`wordgan-word2vec-train`, `wordgan-fasttext-train`: every installed
console script named wordgan-*), so a new command or option that breaks them fails here.
"""
from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from wordgan.cli import main

#: Commands that read a dataset, and so take --data-dir.
READS_A_DATASET = {"train", "compare", "evaluate", "retrieve", "evaluator train", "vocabulary"}
#: Commands that print results, and so take --json (serve prints only its address).
NO_RESULTS = {"serve"}
#: Commands that run a generator, and so take --device.
RUNS_A_GENERATOR = {"train", "compare", "generate", "similar", "evaluate", "serve", "interpolate", "retrieve"}
#: Commands that run a network on the user's device, as the generator commands do.
RUNS_ON_A_DEVICE = RUNS_A_GENERATOR | {"evaluator train"}
#: Commands that train a set-up from plugins, and so take an option for each kind of plugin.
BUILDS_PLUGINS = {"train", "compare"}
#: Spellings that name the same thing as a canonical option.
RETIRED = {
    "--output": "-o/--out", "--output-dir": "-o/--out", "--snap-temperature": "--temperature", "--silent": "-q/--quiet",
    "--epoch": "--epochs", "--workers": "--threads",
}


def leaf_commands(group: click.Group = main, prefix: str = "") -> dict[str, click.Command]:
    ctx = click.Context(group)
    found = {}
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        if isinstance(command, click.Group):
            found.update(leaf_commands(command, f"{prefix}{name} "))
        else:
            found[f"{prefix}{name}"] = command
    return found


def plugin_scripts() -> dict[str, click.Command]:
    """The plugins' own commands: installed console scripts named wordgan-*."""
    from importlib import metadata

    return {script.name: script.load() for script in metadata.entry_points(group="console_scripts") if script.name.startswith("wordgan-")}


COMMANDS = {**leaf_commands(), **plugin_scripts()}


def visible_options(command: click.Command) -> list[click.Option]:
    return [p for p in command.params if isinstance(p, click.Option) and not p.hidden]


def flags(command: click.Command) -> set[str]:
    return {flag for option in visible_options(command) for flag in option.opts + option.secondary_opts}


def test_the_walk_finds_every_command():
    assert {"train", "generate", "evaluate", "evaluator train", "evaluator info", "serve", "interpolate", "retrieve",
            "wordgan-word2vec-train", "wordgan-fasttext-train"} <= set(COMMANDS)


def invoke_help(name: str):
    if name.startswith("wordgan-"):
        return CliRunner().invoke(COMMANDS[name], ["--help"])
    return CliRunner().invoke(main, [*name.split(), "--help"])


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_help_runs_and_shows_an_example(name):
    result = invoke_help(name)
    assert result.exit_code == 0 and "Example" in result.output


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_option_has_help_text(name):
    missing = [option.opts[0] for option in visible_options(COMMANDS[name]) if not (option.help or "").strip()]
    assert not missing, f"{name}: options without help text: {missing}"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_quiet_everywhere(name):
    quiet = [o for o in visible_options(COMMANDS[name]) if "--quiet" in o.opts]
    assert quiet and quiet[0].opts == ["-q", "--quiet"], f"{name} lacks -q/--quiet"


@pytest.mark.parametrize("name", sorted(set(COMMANDS) - NO_RESULTS))
def test_json_on_every_command_that_prints_results(name):
    assert "--json" in flags(COMMANDS[name]), f"{name} lacks --json"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_one_spelling_for_each_thing(name):
    command = COMMANDS[name]
    retired = {flag: RETIRED[flag] for flag in flags(command) if flag in RETIRED}
    assert not retired, f"{name} spells options the retired way: {retired}"
    for option in visible_options(command):
        if "--out" in option.opts:
            assert option.opts == ["-o", "--out"], f"{name}: the output option is {option.opts}, not -o/--out"
        if "-o" in option.opts:
            assert "--out" in option.opts, f"{name}: -o is {option.opts}"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_commands_that_write_files_never_overwrite_without_force(name):
    if "--out" in flags(COMMANDS[name]) and name != "train":  # train refuses an existing run; --resume continues it
        assert "--force" in flags(COMMANDS[name]), f"{name} writes --out but has no --force"


@pytest.mark.parametrize("name", sorted(READS_A_DATASET))
def test_data_dir_wherever_a_dataset_is_read(name):
    assert "--data-dir" in flags(COMMANDS[name])


@pytest.mark.parametrize("name", sorted(RUNS_ON_A_DEVICE))
def test_device_wherever_a_network_runs(name):
    assert "--device" in flags(COMMANDS[name])


@pytest.mark.parametrize("name", sorted(BUILDS_PLUGINS))
def test_plugin_options_for_every_kind(name):
    assert {"--embedder-option", "--gan-option", "--loss-option", "--dataset-option"} <= flags(COMMANDS[name])


@pytest.mark.parametrize(
    "name, old, new, value",
    [
        ("train", "--snap-temperature", "temperature", "0.05"),
        ("evaluator train", "--output", "out", "x.safetensors"),
        ("wordgan-fasttext-train", "--epoch", "epoch", "3"),
        ("wordgan-word2vec-train", "--workers", "workers", "1"),
    ],
)
def test_retired_spellings_still_work_hidden_with_a_warning(name, old, new, value):
    command = COMMANDS[name]
    assert old not in flags(command)
    inputs = ["corpus.txt"] if name.startswith("wordgan-") else []  # the trainers' required argument
    runner = CliRunner()
    with runner.isolation() as (_, err, _):  # make_context parses (and warns) without running the command
        ctx = command.make_context(name, [*inputs, old, value])
        assert f"{old} is deprecated" in err.getvalue().decode()
    assert str(ctx.params[new]) == value


def test_export_refuses_a_suffix_it_does_not_write(tmp_path, trained_run):
    result = CliRunner().invoke(main, ["export", str(trained_run), "-o", str(tmp_path / "model.pt")])
    assert result.exit_code != 0 and ".safetensors" in result.output and not (tmp_path / "model.pt").exists()
