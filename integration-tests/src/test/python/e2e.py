"""What the end-to-end client scripts share: their arguments and running named checks.

A script calls arguments() (which puts --stubs on sys.path), then run() with (name, function)
pairs; run() prints one line per check and 'N passed, N failed', and returns the exit status.
"""
import argparse
import sys


def arguments():
    parser = argparse.ArgumentParser()
    parser.add_argument("--target", required=True)
    parser.add_argument("--stubs", required=True)
    parser.add_argument("--images", required=True)
    parser.add_argument("--model", default="cn-clip-tiny")
    args = parser.parse_args()
    sys.path.insert(0, args.stubs)
    return args


def run(checks):
    results = []
    for name, fn in checks:
        try:
            fn()
            results.append(True)
            print("ok   ", name)
        except Exception as e:  # report every failure, keep going
            results.append(False)
            print("FAIL ", name, "-", repr(e))
    passed = sum(results)
    print("%d passed, %d failed" % (passed, len(results) - passed))
    return 0 if passed == len(results) else 1
