"""What the end-to-end client scripts share: their arguments and running named checks.

A script calls arguments() (which puts --stubs on sys.path), then run() with (name, function)
pairs, which runs them as checks.py's Checks and returns the exit status.
"""
import argparse
import sys

from checks import Checks


def arguments():
    parser = argparse.ArgumentParser()
    parser.add_argument("--target", required=True)
    parser.add_argument("--stubs", required=True)
    parser.add_argument("--images", required=True)
    parser.add_argument("--model", default="cn-clip-tiny")
    args = parser.parse_args()
    sys.path.insert(0, args.stubs)
    return args


def run(pairs):
    """Runs each (name, function) pair as a check (checks.py); returns the exit status."""
    checks = Checks()
    for name, fn in pairs:
        checks.check(name, fn)
    return checks.finish()
