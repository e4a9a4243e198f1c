#!/usr/bin/env python3
"""Clinical review status and sign-offs for the chosen service edition (painsite.signoff).

    python scripts/review.py status [--service ID]         # make review-status
    python scripts/review.py sign-off docs/en/<page>.md --reviewer "Full name" --role "Role"
                             [--registration "HCPC PH123456"] [--translator "Full name"] [--date YYYY-MM-DD]
                                                            # make sign-off PAGE=... REVIEWER=... ROLE=...
"""
import argparse
import datetime as dt
import sys
from collections import Counter
from pathlib import Path

from painsite import languages, service, signoff

STATES = ("signed off", "changed since sign-off", "never checked")


def _status(args) -> int:
    profile = service.load(args.service)
    today = dt.date.fromisoformat(args.today) if args.today else dt.date.today()
    rows = signoff.status(profile.id, today=today)
    print(f"Review status of the {profile.id} edition ({profile.data['service_name']}, "
          f"{profile.data['organisation']}) on {today.isoformat()}\n")
    print("| language | pages | " + " | ".join(STATES) + " | review overdue |")
    print("| --- | ---: | " + " | ".join("---:" for _ in STATES) + " | ---: |")
    for lang in languages.codes():
        mine = [r for r in rows if r.lang == lang]
        counts = Counter(r.status for r in mine)
        print(f"| {lang} | {len(mine)} | " + " | ".join(str(counts[s]) for s in STATES)
              + f" | {sum(r.overdue for r in mine)} |")
    for state in STATES[:2]:
        listed = [r for r in rows if r.status == state]
        if listed:
            print(f"\n{state.capitalize()}:")
            for r in listed:
                print(f"  {r.lang}/{r.page}  ({r.reviewer})")
    overdue = [r for r in rows if r.overdue]
    if overdue:
        print("\nReview overdue:")
        for r in overdue:
            print(f"  {r.lang}/{r.page}")
    age = (today - profile.confirmed).days
    print(f"\nService profile {service.SERVICES.name}/{profile.id}.yml: details last confirmed "
          f"{profile.confirmed.isoformat()} ({age} days ago).")
    if profile.confirmation_overdue(today):
        print(f"  Needs confirming: more than a year old. Ask the service to check every detail, "
              f"then set 'confirmed' to that date.")
    return 0


def _sign_off(args) -> int:
    profile = service.load(args.service)
    record, where = signoff.add(profile.id, Path(args.page), args.reviewer, args.role,
                         registration=args.registration or "", translator=args.translator or "",
                         date=args.date)
    print(f"Recorded in {where.relative_to(signoff.ROOT)}: {args.page} checked by {record.reviewer}, "
          f"{record.role}, {record.date} (text {record.text_hash}).")
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--service", default=None, help="service id (default: SERVICE, or extra.service)")
    sub = parser.add_subparsers(dest="command", required=True)
    st = sub.add_parser("status")
    st.add_argument("--today", help=argparse.SUPPRESS)
    so = sub.add_parser("sign-off")
    so.add_argument("page")
    so.add_argument("--reviewer", required=True)
    so.add_argument("--role", required=True)
    so.add_argument("--registration")
    so.add_argument("--translator")
    so.add_argument("--date")
    args = parser.parse_args(argv)
    try:
        return _status(args) if args.command == "status" else _sign_off(args)
    except (service.ServiceError, signoff.SignOffError) as exc:
        print(exc, file=sys.stderr)
        return 1
    except FileNotFoundError as exc:
        print(f"{exc.filename}: no such page. Fix: give the path of a page, such as "
              f"docs/en/participants/pacing.md.", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
