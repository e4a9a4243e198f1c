"""Build-time and test-time tooling for the Living well with persistent pain site.

Hooks in scripts/hooks/ and the command line tools in scripts/ import from here, so that each
rule (what a page must contain, how readability is scored, what a broken link is) is written once.
"""
