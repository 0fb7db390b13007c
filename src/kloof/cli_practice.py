"""``kloof practice``: practise spotting differences on built-in scenarios.

list, show, start (a blank attempt as a case file), score (the feedback),
reference (the reference analysis as an attempt file) and validate (a
trainer's own scenario file).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from kloof.cli_args import EXIT_BAD_INPUT, EXIT_OK, command, emit

LEVELS = ("basic", "advanced")
DOMAINS = ("work", "private", "news")


def add_practice(commands) -> None:  # type: ignore[no-untyped-def]
    parser = command(
        commands,
        "practice",
        "practise spotting differences on scenarios, with feedback",
        "Read a scenario, rate each party on each factor, say which differences block a\n"
        "deal and choose the first move; 'score' compares your attempt with the\n"
        "reference analysis (0-100, precision and recall). docs: docs/practice.md",
    )
    actions = parser.add_subparsers(title="actions", metavar="ACTION", dest="action")
    actions.required = True
    _add_list(actions)
    _add_show(actions)
    _add_start(actions)
    _add_score(actions)
    _add_reference(actions)
    _add_validate(actions)


def _lang(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lang",
        choices=("nl", "en"),
        default=None,
        help="language of the texts (default: from KLOOF_LANG or LANG, else en)",
    )


def _language(args: argparse.Namespace) -> str:
    from kloof.services.messages import cli_language

    return args.lang or cli_language()


def _in_language(
    handler: Callable[[argparse.Namespace], int],
) -> Callable[[argparse.Namespace], int]:
    """``handler`` with its input errors worded in the language of ``--lang`` (the
    command line's own handler words them in the environment's language)."""

    def run(args: argparse.Namespace) -> int:
        from kloof.formats.errors import InputError

        try:
            return handler(args)
        except InputError as error:
            from kloof.i18n import translator
            from kloof.services.messages import localized_message

            language = _language(args)
            label = translator(language).pgettext("command line", "error")
            print(f"kloof: {label}: {localized_message(error, language)}", file=sys.stderr)
            return EXIT_BAD_INPUT

    return run


def _add_list(actions) -> None:  # type: ignore[no-untyped-def]
    parser = command(
        actions, "list", "list the built-in scenarios", "One line each: id, level, domain, title."
    )
    _lang(parser)
    parser.add_argument("--level", choices=LEVELS, help="only scenarios of this level")
    parser.add_argument("--domain", choices=DOMAINS, help="only scenarios from this domain")
    parser.set_defaults(handler=_in_language(_run_list))


def _run_list(args: argparse.Namespace) -> int:
    from kloof.i18n.practice import scenario_lines
    from kloof.services.practice import find_scenarios

    language = _language(args)
    for line in scenario_lines(find_scenarios(args.level, args.domain, language), language):
        print(line)
    return EXIT_OK


def _add_show(actions) -> None:  # type: ignore[no-untyped-def]
    parser = command(
        actions,
        "show",
        "show a scenario to read",
        "The story, the parties, the factors and the moves to choose from.",
    )
    parser.add_argument("id", metavar="ID", help="the scenario's id (see 'kloof practice list')")
    _lang(parser)
    parser.set_defaults(handler=_in_language(_run_show))


def _run_show(args: argparse.Namespace) -> int:
    from kloof.i18n.practice import scenario_text
    from kloof.services.practice import builtin_scenario, factor_names

    language = _language(args)
    scenario = builtin_scenario(args.id)
    emit(scenario_text(scenario, factor_names(language), language), None)
    return EXIT_OK


def _output(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="FILE",
        help=f"where to write {what} ('-': standard output)",
    )
    parser.add_argument("--force", action="store_true", help="replace FILE if it exists")


def _add_start(actions) -> None:  # type: ignore[no-untyped-def]
    parser = command(
        actions,
        "start",
        "write a blank attempt (a case file to fill in)",
        "The case file holds the scenario's story and parties, one rater per party and\n"
        "empty scores; fill in the scores, the blocking differences and the first move\n"
        "under 'practice:', then run 'kloof practice score FILE'.",
    )
    parser.add_argument("id", metavar="ID", help="the scenario's id (see 'kloof practice list')")
    _output(parser, "the attempt")
    _lang(parser)
    parser.set_defaults(handler=_in_language(_run_start))


def _run_start(args: argparse.Namespace) -> int:
    return _write_attempt(args, reference=False)


def _add_reference(actions) -> None:  # type: ignore[no-untyped-def]
    parser = command(
        actions,
        "reference",
        "write the reference analysis as a filled-in attempt",
        "The same case file as 'start' writes, with the reference's scores (each with\n"
        "its reasoning as a note), blocking differences and first move: it scores 100.",
    )
    parser.add_argument("id", metavar="ID", help="the scenario's id (see 'kloof practice list')")
    _output(parser, "the reference")
    _lang(parser)
    parser.set_defaults(handler=_in_language(_run_reference))


def _run_reference(args: argparse.Namespace) -> int:
    return _write_attempt(args, reference=True)


def _write_attempt(args: argparse.Namespace, *, reference: bool) -> int:
    from kloof.formats.attemptfile import attempt_text
    from kloof.services.practice import builtin_scenario, refuse_to_overwrite

    scenario = builtin_scenario(args.id)  # first: an unknown id writes nothing
    refuse_to_overwrite(args.output, args.force)
    text = attempt_text(scenario, _language(args), str(args.output), reference=reference)
    emit(text, args.output)
    return EXIT_OK


def _add_score(actions) -> None:  # type: ignore[no-untyped-def]
    parser = command(
        actions,
        "score",
        "score an attempt against the reference",
        "Prints the score 0-100, your positions against the reference per factor, the\n"
        "blocking differences found, missed and wrongly flagged, and the first move.\n"
        "What you did not rate yet counts as an error and is listed.",
    )
    parser.add_argument(
        "attempt", type=Path, metavar="FILE", help="the attempt (from 'kloof practice start')"
    )
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )
    _lang(parser)
    parser.set_defaults(handler=_in_language(_run_score))


def _run_score(args: argparse.Namespace) -> int:
    from kloof.services.practice import factor_names, feedback_data, load_attempt_file

    scenario, feedback = load_attempt_file(args.attempt)
    if args.format == "json":
        text = json.dumps(feedback_data(scenario, feedback), indent=2, ensure_ascii=False) + "\n"
    else:
        from kloof.i18n.practice import feedback_text, formula_text

        language = _language(args)
        text = feedback_text(scenario, feedback, factor_names(language), language)
        text += "\n" + formula_text(language) + "\n"
    emit(text, None)
    return EXIT_OK


def _add_validate(actions) -> None:  # type: ignore[no-untyped-def]
    parser = command(
        actions,
        "validate",
        "check a scenario file (a trainer's own)",
        "Checks the format, the schema, the references between the parts, and that the\n"
        "blocking list is exactly what kloof's analysis of the reference finds. Prints\n"
        "the first problem with its line and fix (exit 2), or a summary (exit 0).",
    )
    parser.add_argument("file", type=Path, metavar="FILE", help="the scenario file (YAML or JSON)")
    _lang(parser)
    parser.set_defaults(handler=_in_language(_run_validate))


def _run_validate(args: argparse.Namespace) -> int:
    from kloof.i18n import translator
    from kloof.services.practice import load_scenario

    scenario = load_scenario(args.file)
    t = translator(_language(args))
    print(
        t.gettext("%(file)s: valid — %(parties)s parties, %(blocking)s blocking differences")
        % {
            "file": args.file,
            "parties": len(scenario.parties),
            "blocking": len(scenario.reference.blocking),
        }
    )
    return EXIT_OK
