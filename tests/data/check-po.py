#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""check-po.py potfiles|translations|checklists SRCDIR [--write]

potfiles:     every source file with translatable strings is listed in
              po/POTFILES.in, and every listed file exists.
translations: every string the sources mark for translation has a
              translation in each language of po/LINGUAS (msgcmp).
checklists:   src/store/attest-checklist-titles.c, the checklist templates'
              lines as C strings for xgettext, says what data/checklists/
              says; --write makes it again after a template changed.
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


CHECKLIST_TITLES = os.path.join('src', 'store', 'attest-checklist-titles.c')
CHECKLIST_CONTEXT = 'checklist item'


def c_string(text):
    return '"' + text.replace('\\', '\\\\').replace('"', '\\"') + '"'


def checklist_titles_source(src):
    """The C file the templates make: one NC_() per template line."""
    folder = os.path.join(src, 'data', 'checklists')
    out = ['/* attest-checklist-titles.c: the checklist templates\' lines, for translation',
           ' *',
           ' * Made from the templates in data/checklists/ by',
           ' * `tests/data/check-po.py checklists SRCDIR --write`; do not edit it, edit a',
           ' * template and run that (the data suite fails while the two differ). Items',
           ' * store these English lines; attest_checklist_title_display() translates them.',
           ' *',
           ' * SPDX-License-Identifier: GPL-3.0-or-later',
           ' */',
           '#include "config.h"',
           '',
           '#include <glib/gi18n.h>',
           '',
           '#include "attest-workspace-checklist-private.h"',
           '',
           'static const char * const titles[] = {']
    for name in sorted(os.listdir(folder)):
        if not name.endswith('.txt'):
            continue
        with open(os.path.join(folder, name), encoding='utf-8') as f:
            for line in f:
                line = line.strip()
                if not line or line.startswith('#'):
                    continue
                out.append(f'  /* Translators: an evidence checklist item (data/checklists/{name}) */')
                out.append(f'  NC_("{CHECKLIST_CONTEXT}", {c_string(line)}),')
    out += ['  NULL',
            '};',
            '',
            'const char * const *',
            '_attest_checklist_titles (void)',
            '{',
            '  return titles;',
            '}',
            '']
    return '\n'.join(out)


def check_checklists(src, write):
    path = os.path.join(src, CHECKLIST_TITLES)
    wanted = checklist_titles_source(src)
    if write:
        with open(path, 'w', encoding='utf-8') as f:
            f.write(wanted)
        return []
    try:
        with open(path, encoding='utf-8') as f:
            have = f.read()
    except OSError as e:
        return [f'{CHECKLIST_TITLES}: {e.strerror}']
    if have != wanted:
        return [f'{CHECKLIST_TITLES} does not match data/checklists/: '
                f'run tests/data/check-po.py checklists SRCDIR --write']
    return []


def main():
    what, src = sys.argv[1], sys.argv[2]
    if what == 'checklists':
        problems = check_checklists(src, '--write' in sys.argv[3:])
    elif what == 'potfiles':
        problems = check_potfiles(src)
    else:
        problems = check_translations(src)
    for p in problems:
        print(p, file=sys.stderr)
    print(f'{what}: {len(problems)} problem(s)')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
