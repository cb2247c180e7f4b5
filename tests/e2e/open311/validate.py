#!/usr/bin/python3
"""Validates a JSON document against one definition of georeport-v2.schema.json
with python3-jsonschema (Debian's), an implementation independent of coso:
  validate.py DEFINITION FILE  -> exit 0, or 1 with the errors on stderr."""
import json, os, sys
import jsonschema

here = os.path.dirname(os.path.abspath(__file__))
schema = json.load(open(os.path.join(here, 'georeport-v2.schema.json'), encoding='utf-8'))
sub = {'$schema': schema['$schema'], '$defs': schema['$defs'], '$ref': '#/$defs/' + sys.argv[1]}
doc = json.load(open(sys.argv[2], encoding='utf-8'))
v = jsonschema.Draft202012Validator(sub, format_checker=jsonschema.FormatChecker())
errors = sorted(v.iter_errors(doc), key=lambda e: list(e.path))
for e in errors:
    print('%s: %s' % ('/'.join(str(p) for p in e.path) or '(root)', e.message), file=sys.stderr)
sys.exit(1 if errors else 0)
