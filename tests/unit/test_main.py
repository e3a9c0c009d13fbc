"""The command line (``helpers/__main__.py``): every command listed; errors are messages, not tracebacks."""

from __future__ import annotations

import importlib.util

import pytest

from helpers import __main__ as cli


def test_help_lists_every_command(capsys):
    assert cli.main(["--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: isis-reports ")
    for command in cli.COMMANDS:
        assert f"\n    {command} " in out


@pytest.mark.parametrize("command", sorted(cli.COMMANDS))
def test_each_command_has_help(command, capsys):
    assert cli.main([command, "--help"]) == 0
    assert capsys.readouterr().out.startswith(f"usage: isis-reports {command} ")


def test_a_command_whose_module_is_absent_is_left_out(monkeypatch, capsys):
    monkeypatch.setitem(cli.COMMANDS, "ghost", "helpers.no_such_module:add_parser")
    assert cli.main(["--help"]) == 0
    assert "ghost" not in capsys.readouterr().out


def test_a_command_whose_module_breaks_on_import_is_not_hidden(tmp_path, monkeypatch):
    (tmp_path / "broken_command.py").write_text("import no_such_dependency_of_isis_reports\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setitem(cli.COMMANDS, "broken", "broken_command:add_parser")
    with pytest.raises(ModuleNotFoundError, match="no_such_dependency_of_isis_reports"):
        cli.main(["--help"])


@pytest.mark.parametrize("months, why", [
    ("1-300", "'1-300' is out of range"),
    ("55", "'55' is out of range"),
    ("200", "'200' is out of range"),
    ("125-90", "runs backwards"),
    ("ninety", "is not a month or a range"),
    (",", "no months given"),
])
def test_synth_months_out_of_range_are_a_usage_message(months, why, tmp_path, capsys):
    assert cli.main(["synth", "--months", months, str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "isis-reports synth: error: argument --months: " in err and why in err
    assert "allowed: months 56-199" in err
    assert not (tmp_path / "out").exists()


def test_synth_writes_the_first_and_last_allowed_months(tmp_path, capsys):
    assert cli.main(["synth", "--months", "56,199", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.glob("synthetic_*.txt")) == ["synthetic_m056.txt",
                                                                       "synthetic_m199.txt"]


@pytest.mark.parametrize("args", [["--n", "0"], ["--n", "many"], ["--jobs", "-1"]])
def test_synth_eval_counts_must_be_positive(args, capsys):
    assert cli.main(["synth-eval", *args]) == 2
    assert "is not a whole number of at least 1" in capsys.readouterr().err


def test_a_file_error_is_a_message(tmp_path, capsys):
    taken = tmp_path / "a_file"
    taken.write_text("")
    assert cli.main(["synth", "--months", "90", str(taken)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("isis-reports synth: error: ") and str(taken) in err


def test_the_dask_engine_without_the_extra_says_how_to_install_it(tmp_path, monkeypatch, caplog):
    find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name in ("dask", "distributed") else find_spec(name, *a))
    (tmp_path / "raw").mkdir()
    assert cli.main(["build", str(tmp_path / "raw"), str(tmp_path / "out"), "--engine", "dask", "-q"]) == 2
    assert "the dask engine needs the dask extra" in caplog.text
    assert "pip install 'isis-reports[dask]'" in caplog.text


def test_a_missing_optional_dependency_names_its_extra(tmp_path, monkeypatch, capsys):
    (tmp_path / "needs_papermill.py").write_text(
        "def add_parser(subparsers):\n"
        "    parser = subparsers.add_parser('needs-papermill')\n"
        "    parser.set_defaults(func=lambda args: __import__('papermill_not_here'))\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setitem(cli.COMMANDS, "needs-papermill", "needs_papermill:add_parser")
    real = cli.extra_providing
    monkeypatch.setattr(cli, "extra_providing", lambda name: real("papermill") if name == "papermill_not_here"
                        else real(name))
    assert cli.main(["needs-papermill"]) == 1
    err = capsys.readouterr().err
    assert "papermill_not_here is not installed" in err and "pip install 'isis-reports[notebooks]'" in err


def test_extras_are_read_from_the_installed_metadata():
    assert cli.extra_providing("papermill") == "notebooks"
    assert cli.extra_providing("distributed.client") == "dask"
    assert cli.extra_providing("pandas") is None  # a core dependency: its absence is a broken install
