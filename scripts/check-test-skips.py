#!/usr/bin/env python3
"""Fails a build whose test reports hold a skip that should not be one.

A test may be skipped only because it is for another operating system (JUnit's @EnabledOnOs /
@DisabledOnOs, reported as "Disabled on operating system: <this OS>"). Any other skip (an assumption
that aborted, a @Disabled) fails, and so does a --must-run pattern that matched no test that ran: the
Windows workflow names its Windows-only tests so that they cannot silently stop running.

usage: check-test-skips.py [--must-run REGEX]... REPORT_DIR...
"""
import argparse
import pathlib
import re
import sys
import xml.etree.ElementTree as ET

OS_CONDITION = "Disabled on operating system: "


def testcases(report_dirs):
    for folder in report_dirs:
        for report in sorted(pathlib.Path(folder).glob("TEST-*.xml")):
            for case in ET.parse(report).getroot().iter("testcase"):
                yield case


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("--must-run", action="append", default=[], metavar="REGEX",
                        help="a test class pattern of which at least one test must have run")
    parser.add_argument("report_dirs", nargs="+")
    args = parser.parse_args(argv)

    ran, by_os, bad = [], [], []
    for case in testcases(args.report_dirs):
        name = case.get("classname", "") + "." + case.get("name", "")
        skipped = case.find("skipped")
        if skipped is None:
            ran.append(case.get("classname", ""))
        elif (skipped.get("message") or "").startswith(OS_CONDITION):
            by_os.append(name)
        else:
            bad.append(name + ": " + (skipped.get("message") or "skipped without a reason"))

    missing = [p for p in args.must_run if not any(re.search(p, c) for c in ran)]
    print(f"{len(ran)} tests ran, {len(by_os)} skipped as meant for another OS, {len(bad)} other skips")
    for line in bad:
        print("skip that should not be one: " + line)
    for pattern in missing:
        print("no test ran for --must-run " + pattern)
    if not ran:
        print("no test reports found in " + ", ".join(args.report_dirs))
    return 1 if bad or missing or not ran else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
