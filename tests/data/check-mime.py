#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""check-mime.py MIME.xml: the shared-mime-info definition is well formed and its
magic matches what attest_workspace_open() writes (application_id 0x41545354 at 68)."""
import sys
import xml.etree.ElementTree as ET

NS = '{http://www.freedesktop.org/standards/shared-mime-info}'
tree = ET.parse(sys.argv[1])
mt = tree.getroot().find(NS + 'mime-type')
assert mt is not None and mt.get('type') == 'application/x-attest-workspace', 'mime type missing'
globs = [g.get('pattern') for g in mt.findall(NS + 'glob')]
assert '*.attest' in globs, 'glob *.attest missing'
outer = mt.find(NS + 'magic/' + NS + 'match')
assert outer.get('value') == 'SQLite format 3' and outer.get('offset') == '0'
inner = outer.find(NS + 'match')
assert inner.get('type') == 'big32' and int(inner.get('value'), 16) == 0x41545354 and inner.get('offset') == '68'
print('mime: ok')
