"""``kloof remind``: mail relationship owners the reviews that are due (the work
is in :mod:`kloof.web.remind`); run daily by a systemd timer or cron."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, date, datetime
from typing import Any

from kloof.cli_args import EXIT_BAD_INPUT, EXIT_OK, command

#: Some mails could not be sent; the others were. The next run tries them again.
EXIT_MAIL_FAILED = 3


def add_remind(commands: Any) -> None:
    parser = command(
        commands,
        "remind",
        "mail relationship owners the reviews that are due",
        "For every relationship (not archived) whose owner has an e-mail address and\n"
        "whose next review is due in the next 30 days, today, or is overdue: one mail\n"
        "per owner, in the owner's language, with a link to each relationship\n"
        "(KLOOF_BASE_URL). Once per review date and kind (due soon, overdue): a second\n"
        "run, also on another server at the same moment, sends nothing again. Run it\n"
        "daily (docs/deploy.md). Mail settings: KLOOF_EMAIL_* (docs/settings.md).\n\n"
        "exit status: 0 done (also when nothing was due), 2 bad input or settings,\n"
        "3 some mails could not be sent (the others were; the next run tries again).",
    )
    parser.add_argument(
        "--today",
        type=_day,
        default=None,
        metavar="YYYY-MM-DD",
        help="the day to remind for (default: today, in UTC)",
    )
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="only list the mails that would be sent; send and record nothing",
    )
    parser.set_defaults(handler=_run_remind)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date — write it as YYYY-MM-DD, such as 2026-12-03"
        ) from None


def _run_remind(args: argparse.Namespace) -> int:
    from kloof.i18n import translator
    from kloof.services.messages import cli_language
    from kloof.web.runner import setup

    if not setup():
        return EXIT_BAD_INPUT
    from kloof.web.remind import DatabaseError, Mail, base_url, remind

    t = translator(cli_language())
    today = args.today or datetime.now(UTC).date()

    def report(mail: Mail, sent: bool) -> None:
        if sent:  # failures are told on stderr at the end
            print(_mail_line(t, mail, dry_run=args.dry_run))

    try:
        outcome = remind(today, dry_run=args.dry_run, on_mail=report)
    except DatabaseError as error:
        reason = f"{type(error).__name__}: {str(error).strip().splitlines()[0]}"
        _complain(
            t.gettext(
                "cannot read the database (%(reason)s) — check KLOOF_DATABASE_URL, that the "
                "database server is reachable, and that kloof serve or 'kloof manage migrate' "
                "has set the database up"
            )
            % {"reason": reason}
        )
        return EXIT_BAD_INPUT
    root, configured = base_url()
    if not configured and outcome.sent and not args.dry_run:
        _complain(
            t.gettext(
                "KLOOF_BASE_URL is not set: the links in the mails point to %(url)s — "
                "set it to the address people open kloof at, such as https://kloof.example.org"
            )
            % {"url": root}
        )
    for mail, reason in outcome.failed:
        _complain(
            t.gettext(
                "could not mail %(email)s (%(reason)s) — check KLOOF_EMAIL_URL; "
                "the next run tries again"
            )
            % {"email": mail.email, "reason": reason}
        )
    print(_summary(t, outcome, today, dry_run=args.dry_run))
    return EXIT_MAIL_FAILED if outcome.failed else EXIT_OK


def _complain(text: str) -> None:
    print(f"kloof: {text}", file=sys.stderr)


def _mail_line(t: Any, mail: Any, *, dry_run: bool) -> str:
    """``mailed ann@example.org: 3 reviews (Crane, Bolt, Acme)``."""
    count = len(mail.items)
    values = {
        "email": mail.email,
        "count": count,
        "names": ", ".join(item.relationship for item in mail.items),
    }
    if dry_run:
        line = t.ngettext(
            "would mail %(email)s: %(count)d review (%(names)s)",
            "would mail %(email)s: %(count)d reviews (%(names)s)",
            count,
        )
    else:
        line = t.ngettext(
            "mailed %(email)s: %(count)d review (%(names)s)",
            "mailed %(email)s: %(count)d reviews (%(names)s)",
            count,
        )
    return str(line % values)


def _summary(t: Any, outcome: Any, today: date, *, dry_run: bool) -> str:
    mails = len(outcome.sent)
    reviews = sum(len(mail.items) for mail in outcome.sent)
    values = {"day": today.isoformat(), "mails": mails, "reviews": reviews}
    if mails == 0 and not outcome.failed:
        return t.gettext("%(day)s: no reminders due") % values
    counted = t.ngettext("%(reviews)d review", "%(reviews)d reviews", reviews) % values
    values["counted"] = counted
    if dry_run:
        text = t.ngettext(
            "%(day)s: %(mails)d mail would be sent, %(counted)s (dry run: nothing sent)",
            "%(day)s: %(mails)d mails would be sent, %(counted)s (dry run: nothing sent)",
            mails,
        )
    else:
        text = t.ngettext(
            "%(day)s: %(mails)d mail sent, %(counted)s",
            "%(day)s: %(mails)d mails sent, %(counted)s",
            mails,
        )
    line = text % values
    if outcome.failed:
        line += t.ngettext(
            "; %(failed)d mail failed", "; %(failed)d mails failed", len(outcome.failed)
        ) % {"failed": len(outcome.failed)}
    return line
