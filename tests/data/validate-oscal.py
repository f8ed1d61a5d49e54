#!/usr/bin/python3
# validate-oscal.py: attest-cli's OSCAL export against NIST's JSON schema
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   validate-oscal.py --schema SCHEMA.json|DIR (--sample PROGRAM | --file OUT.json)
#
# DIR: the folder holding NIST's oscal_assessment-results_schema.json (or
# oscal_complete_schema.json).
# --sample runs `PROGRAM --sample OUT.json` (tests/cli/test-export-oscal) to
# make the export. The document must validate; the same document with one
# field broken must not (so a validator that accepts anything fails here).
# Exit 0 valid, 1 invalid, 77 (skipped) when python3-jsonschema,
# python3-regex or the schema is missing, with the reason on stdout.
import argparse
import copy
import json
import os
import subprocess
import sys
import tempfile

SKIP = 77


def skip(reason):
    print(f"SKIP: {reason}")
    sys.exit(SKIP)


try:
    import jsonschema
except ImportError:
    skip(f"python3-jsonschema is not installed for {sys.executable} (apt-get install python3-jsonschema)")
try:
    # OSCAL's token pattern is ^(\p{L}|_)(\p{L}|\p{N}|[.\-_])*$: Python's re
    # has no \p{…}; the regex module has.
    import regex
except ImportError:
    skip(f"python3-regex is not installed for {sys.executable} (apt-get install python3-regex)")


def pattern(validator, patrn, instance, schema):
    if validator.is_type(instance, "string") and regex.search(patrn, instance) is None:
        yield jsonschema.ValidationError(f"{instance!r} does not match {patrn!r}")


Validator = jsonschema.validators.extend(jsonschema.Draft7Validator, {"pattern": pattern})


def errors_of(schema, document):
    validator = Validator(schema, format_checker=jsonschema.FormatChecker())
    return sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))


def deepest(error):
    # Under the complete schema's oneOf, the error that says what is wrong.
    while error.context:
        error = max(error.context, key=lambda e: len(e.absolute_path))
    return error


def where(error):
    return "/" + "/".join(str(p) for p in error.absolute_path)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--schema", required=True)
    parser.add_argument("--sample")
    parser.add_argument("--file")
    args = parser.parse_args()

    if os.path.isdir(args.schema):
        # NIST's assessment-results schema, else its complete one.
        names = ["oscal_assessment-results_schema.json", "oscal_complete_schema.json"]
        found = [os.path.join(args.schema, n) for n in names if os.path.exists(os.path.join(args.schema, n))]
        if not found:
            skip(f"no OSCAL schema ({' or '.join(names)}) in {args.schema}: "
                 "tests/data/oscal/README.md says where it comes from")
        args.schema = found[0]
    elif not os.path.exists(args.schema):
        skip(f"no OSCAL schema at {args.schema}: tests/data/oscal/README.md says where it comes from")
    with open(args.schema, encoding="utf-8") as f:
        schema = json.load(f)
    schema_id = schema.get("$id", "")
    # http://csrc.nist.gov/ns/oscal/1.1.2/oscal-ar-schema.json
    versions = [part for part in schema_id.split("/") if regex.fullmatch(r"\d+\.\d+\.\d+", part)]
    version = versions[-1] if versions else None
    if version is None or not version.startswith("1.1."):
        print(f"FAIL: {args.schema} is not an OSCAL 1.1.x schema ($id {schema_id!r})")
        return 1

    with tempfile.TemporaryDirectory() as tmp:
        out = args.file
        if out is None:
            if args.sample is None:
                parser.error("--sample or --file")
            out = os.path.join(tmp, "oscal.json")
            subprocess.run([args.sample, "--sample", out], check=True)
        with open(out, encoding="utf-8") as f:
            document = json.load(f)

    status = 0
    declared = document.get("assessment-results", {}).get("metadata", {}).get("oscal-version")
    if declared != version:
        print(f"FAIL: the document declares oscal-version {declared!r}, the schema is {version}")
        status = 1
    errors = errors_of(schema, document)
    for error in errors[:20]:
        error = deepest(error)
        print(f"FAIL: {where(error)}: {error.message[:300]}")
    if errors:
        print(f"FAIL: {len(errors)} schema errors in {out}")
        status = 1
    else:
        print(f"ok: {out} is valid OSCAL {version} ({schema_id})")

    # The same document broken in one field each time: each must be refused.
    def observed(d):
        return next(r for r in d["assessment-results"]["results"] if "observations" in r)

    breaks = {
        "a finding's status": lambda d: d["assessment-results"]["results"][0]["findings"][0]["target"]["status"].update(state="ready"),
        "a UUID": lambda d: d["assessment-results"]["results"][0].update(uuid="not-a-uuid"),
        "a hash's place": lambda d: observed(d)["observations"][0]["relevant-evidence"][0].update(
            hashes=[{"algorithm": "SHA-256", "value": "00"}]),
        "a token": lambda d: d["assessment-results"]["results"][0]["findings"][0]["target"].update(**{"target-id": "soc/soc-2"}),
    }
    for name, breaking in breaks.items():
        broken = copy.deepcopy(document)
        breaking(broken)
        if not errors_of(schema, broken):
            print(f"FAIL: the validator accepts the document with {name} broken")
            status = 1
        else:
            print(f"ok: with {name} broken, the document is refused")
    return status


if __name__ == "__main__":
    sys.exit(main())
