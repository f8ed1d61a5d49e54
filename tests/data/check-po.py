#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""check-po.py potfiles|translations SRCDIR

potfiles:     every source file with translatable strings is listed in
              po/POTFILES.in, and every listed file exists.
translations: every string the sources mark for translation has a
              translation in each language of po/LINGUAS (msgcmp).
"""
import os
import re
import subprocess
import sys
import tempfile

MARKS = {
    '.c': re.compile(r'\b(?:_|N_|C_|NC_|g_dngettext|ngettext)\s*\('),
    '.ui': re.compile(r'translatable="yes"'),
    '.in': re.compile(r'.'),          # desktop and metainfo templates: always translatable
    '.xml': re.compile(r'<summary>|<description>|gettext-domain'),
}
SCAN = ['src', 'ui', 'data']


def potfiles(src):
    with open(os.path.join(src, 'po', 'POTFILES.in'), encoding='utf-8') as f:
        return [l.strip() for l in f if l.strip() and not l.startswith('#')]


def check_potfiles(src):
    listed = potfiles(src)
    problems = []
    for path in listed:
        if not os.path.exists(os.path.join(src, path)):
            problems.append(f'po/POTFILES.in lists {path}, which does not exist')
    if listed != sorted(listed):
        problems.append('po/POTFILES.in is not sorted')
    for top in SCAN:
        for root, dirs, files in os.walk(os.path.join(src, top)):
            dirs[:] = sorted(d for d in dirs if d != 'offerings')
            for name in sorted(files):
                ext = os.path.splitext(name)[1]
                rel = os.path.relpath(os.path.join(root, name), src)
                if ext not in MARKS or rel in listed:
                    continue
                if ext == '.in' and not (name.endswith('.desktop.in') or name.endswith('.xml.in')):
                    continue
                if ext == '.xml' and not name.endswith('.gschema.xml'):
                    continue
                with open(os.path.join(src, rel), encoding='utf-8', errors='replace') as f:
                    if MARKS[ext].search(f.read()):
                        problems.append(f'{rel} has translatable strings but is missing from po/POTFILES.in')
    return problems


def check_translations(src):
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, 'attest.pot')
        subprocess.run(['xgettext', '--from-code=UTF-8', '--add-comments',
                        '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
                        '--keyword=g_dngettext:2,3', '--keyword=ngettext:1,2',
                        '--directory', src, '--files-from', os.path.join(src, 'po', 'POTFILES.in'),
                        '--output', pot], check=True)
        with open(os.path.join(src, 'po', 'LINGUAS'), encoding='utf-8') as f:
            langs = [l.strip() for l in f if l.strip() and not l.startswith('#')]
        for lang in langs:
            r = subprocess.run(['msgcmp', os.path.join(src, 'po', lang + '.po'), pot],
                               capture_output=True, text=True)
            if r.returncode != 0:
                problems.append(f'po/{lang}.po is incomplete:\n{r.stderr.strip()}')
            r = subprocess.run(['msgfmt', '--check', '-o', os.devnull, os.path.join(src, 'po', lang + '.po')],
                               capture_output=True, text=True)
            if r.returncode != 0:
                problems.append(f'po/{lang}.po does not compile:\n{r.stderr.strip()}')
    return problems


def main():
    what, src = sys.argv[1], sys.argv[2]
    problems = check_potfiles(src) if what == 'potfiles' else check_translations(src)
    for p in problems:
        print(p, file=sys.stderr)
    print(f'{what}: {len(problems)} problem(s)')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
