#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""check-man.py cli|gui MANPAGE PROGRAM: the manual page and PROGRAM --help agree.

cli: the long options of attest-cli --help ("Options:") are the long options of the
page's OPTIONS section, and the commands it lists ("Commands:", the first word of
each line) are the commands of the page's COMMANDS section (the first word of each
.TP tag).
gui: the long options of attest --help ("Application Options:", and --help) are
the long options of the page's OPTIONS section.
Either way the page's .TH names the version PROGRAM --version prints."""
import os
import re
import subprocess
import sys


def unroff(line):
    """The text of a roff line: no macro name, no font escapes, \\- as -."""
    line = re.sub(r'^\.[A-Z]{1,2}\s*', '', line)
    line = re.sub(r'\\f[BIRP]', '', line)
    line = line.replace('\\-', '-').replace('"', '')
    return line.strip()


def man_sections(path):
    sections, name = {}, None
    with open(path, encoding='utf-8') as f:
        lines = f.read().splitlines()
    for i, line in enumerate(lines):
        if line.startswith('.SH '):
            name = line[4:].strip().strip('"')
            sections[name] = []
        elif name is not None:
            sections[name].append(line)
    return lines, sections


def tags(section_lines):
    """The tag line of each .TP item."""
    out = []
    for i, line in enumerate(section_lines):
        if line.strip() == '.TP' and i + 1 < len(section_lines):
            out.append(unroff(section_lines[i + 1]))
    return out


def long_options(text):
    return set(re.findall(r'(?<![\w-])(--[a-z][a-z0-9-]*)', text))


def help_section(text, title):
    """The lines of a --help section: from its title to the next blank line."""
    lines = text.splitlines()
    try:
        start = lines.index(title) + 1
    except ValueError:
        sys.exit(f'check-man: no "{title}" section in the --help output')
    out = []
    for line in lines[start:]:
        if not line.strip():
            break
        out.append(line)
    return out


def run(program, arg):
    env = dict(os.environ, LC_ALL='C.UTF-8', LANG='C.UTF-8')
    env.pop('LANGUAGE', None)
    r = subprocess.run([program, arg], env=env, capture_output=True, text=True, timeout=60)
    if r.returncode != 0:
        sys.exit(f'check-man: {program} {arg} exited {r.returncode}: {r.stderr.strip()}')
    return r.stdout


def compare(what, in_help, in_man, page):
    errors = []
    for x in sorted(in_help - in_man):
        errors.append(f'{page}: {what} {x} is in --help but not in the manual page')
    for x in sorted(in_man - in_help):
        errors.append(f'{page}: {what} {x} is in the manual page but not in --help')
    return errors


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ('cli', 'gui'):
        sys.exit(__doc__)
    kind, page, program = sys.argv[1:]
    lines, sections = man_sections(page)
    errors = []

    if 'OPTIONS' not in sections:
        sys.exit(f'check-man: {page} has no OPTIONS section')
    man_opts = set()
    for tag in tags(sections['OPTIONS']):
        man_opts |= long_options(tag)

    help_text = run(program, '--help')
    if kind == 'cli':
        help_opts = long_options('\n'.join(help_section(help_text, 'Options:')))
        errors += compare('option', help_opts, man_opts, page)
        if 'COMMANDS' not in sections:
            sys.exit(f'check-man: {page} has no COMMANDS section')
        man_cmds = {tag.split()[0] for tag in tags(sections['COMMANDS']) if tag.split()}
        help_cmds = {l.split()[0] for l in help_section(help_text, 'Commands:') if l.split()}
        if not help_cmds:
            errors.append(f'{program} --help lists no command')
        errors += compare('command', help_cmds, man_cmds, page)
    else:
        help_opts = long_options('\n'.join(help_section(help_text, 'Application Options:')))
        help_opts.add('--help')
        errors += compare('option', help_opts, man_opts, page)

    version = run(program, '--version').split()[-1]
    th = next((l for l in lines if l.startswith('.TH ')), '')
    if f'Attest {version}' not in th:
        errors.append(f'{page}: .TH says {th!r}, {program} --version says {version}')

    for e in errors:
        print(e, file=sys.stderr)
    if errors:
        sys.exit(1)
    print(f'man {os.path.basename(page)}: {len(man_opts)} options'
          + (f', {len(man_cmds)} commands' if kind == 'cli' else '') + ' as in --help')


main()
