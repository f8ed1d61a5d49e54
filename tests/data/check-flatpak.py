#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""check-flatpak.py MANIFEST APP_ID DATA_DIR: the Flatpak manifest's structure.

It cannot be built here (the GNOME runtime comes from Flathub), so this checks what
can be: valid JSON; its id is meson's app_id and the desktop file's name
(DATA_DIR/APP_ID.desktop.in); the GNOME 43 runtime and SDK; the command attest; the
sandbox holes the app needs (a display, the network for link get) and none it does
not (the host's files, every device, the whole session bus); a module for each
library the GNOME 43 runtime lacks (cmark-gfm, poppler, libxlsxwriter), each archive with a
sha256; attest itself built last, with meson, from this tree."""
import json
import os
import re
import sys

errors = []


def check(cond, msg):
    if not cond:
        errors.append(msg)


def main():
    path, app_id, data_dir = sys.argv[1:4]
    with open(path, encoding='utf-8') as f:
        try:
            m = json.load(f)
        except json.JSONDecodeError as e:
            sys.exit(f'{path}: not JSON: {e}')
    name = os.path.basename(path)

    manifest_id = m.get('id', m.get('app-id'))
    check(manifest_id == app_id, f'{name}: id {manifest_id!r}, meson says {app_id!r}')
    check(name == app_id + '.json', f'{name}: the file is not named after the id')
    check(os.path.exists(os.path.join(data_dir, app_id + '.desktop.in')),
          f'{name}: no desktop file {app_id}.desktop.in in {data_dir}')
    check(m.get('runtime') == 'org.gnome.Platform', f'{name}: runtime is not org.gnome.Platform')
    check(m.get('sdk') == 'org.gnome.Sdk', f'{name}: sdk is not org.gnome.Sdk')
    check(str(m.get('runtime-version')) == '43', f'{name}: runtime-version is not 43')
    check(m.get('command') == 'attest', f'{name}: command is not attest')

    args = m.get('finish-args', [])
    check(isinstance(args, list) and all(isinstance(a, str) for a in args),
          f'{name}: finish-args is not a list of strings')
    for need in ('--share=ipc', '--socket=wayland', '--socket=fallback-x11', '--share=network'):
        check(need in args, f'{name}: finish-args lacks {need}')
    for a in args:
        check(not re.match(r'--filesystem=(host|host-os|home|/)', a),
              f'{name}: {a}: files come through the file chooser portal')
        check(a not in ('--device=all', '--socket=session-bus', '--socket=system-bus',
                        '--socket=x11', '--talk-name=org.freedesktop.Flatpak'),
              f'{name}: {a} opens the sandbox for nothing Attest does')

    modules = m.get('modules', [])
    check(isinstance(modules, list) and modules, f'{name}: no modules')
    names = [mod.get('name') if isinstance(mod, dict) else None for mod in modules]
    for lib in ('cmark-gfm', 'poppler', 'libxlsxwriter'):
        check(lib in names, f'{name}: no module {lib} (not in the GNOME 43 runtime)')
    for mod in modules:
        if not isinstance(mod, dict):
            errors.append(f'{name}: a module is not an object')
            continue
        check(mod.get('buildsystem') in ('meson', 'cmake', 'cmake-ninja', 'autotools', 'simple'),
              f'{name}: module {mod.get("name")}: buildsystem {mod.get("buildsystem")!r}')
        sources = mod.get('sources', [])
        check(sources, f'{name}: module {mod.get("name")} has no sources')
        for s in sources:
            if s.get('type') in ('archive', 'file'):
                check(s.get('url', '').startswith('https://'),
                      f'{name}: module {mod.get("name")}: url is not https')
                check(re.fullmatch(r'[0-9a-f]{64}', s.get('sha256', '')) is not None,
                      f'{name}: module {mod.get("name")}: archive without a sha256')
    if names:
        last = modules[-1]
        check(last.get('name') == 'attest' and last.get('buildsystem') == 'meson',
              f'{name}: the last module is not attest built with meson')
        check({'type': 'dir', 'path': '.'} in last.get('sources', []),
              f'{name}: attest is not built from this tree (a dir source ".")')

    for e in errors:
        print(e, file=sys.stderr)
    if errors:
        sys.exit(1)
    print(f'flatpak: {name}: {len(modules)} modules, {len(args)} finish-args')


main()
