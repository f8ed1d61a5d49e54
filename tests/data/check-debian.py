#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""check-debian.py SOURCE_ROOT MESON_VERSION: debian/ agrees with the project.

- debian/changelog's newest entry is the version meson.build gives (the upstream
  part, before the Debian revision), for the package attest, in a released
  distribution;
- debian/control's Build-Depends are build-aux/deps.sh's ATTEST_BUILD_PACKAGES but
  gcc (build-essential), plus debhelper-compat (= 13): the fonts, icons and
  glib-networking too, as the suites the package build runs draw text (without a
  font, test-page-drawing fails); those the running app needs are also in the
  binary package's Depends, Recommends or Suggests;
  Depends has ${shlibs:Depends} and ${misc:Depends}; Rules-Requires-Root: no;
- debian/rules is dh with the meson build system and runs no gui suite;
- debian/copyright is machine-readable, every License it names has its text, and
  each bundled offering page (data/offerings/) is covered by a stanza of its own;
- every override in debian/attest.lintian-overrides follows a comment saying why."""
import fnmatch
import os
import re
import subprocess
import sys

# What the installed app uses at run time (https, icons, fonts): in Depends,
# Recommends or Suggests as well.
RUN_TIME = {'glib-networking', 'adwaita-icon-theme', 'fonts-cantarell',
                 'fonts-wqy-microhei', 'librsvg2-common'}
# In build-essential, which a Build-Depends must not name.
BUILD_ESSENTIAL = {'gcc'}

errors = []


def fail(msg):
    errors.append(msg)


def paragraphs(path):
    """deb822 paragraphs: a list of {field: value} (continuation lines kept)."""
    out, cur, field = [], {}, None
    with open(path, encoding='utf-8') as f:
        for line in f.read().splitlines():
            if line.startswith('#'):
                continue
            if not line.strip():
                if cur:
                    out.append(cur)
                cur, field = {}, None
            elif line[0] in ' \t' and field:
                cur[field] += '\n' + line.strip()
            else:
                field, _, value = line.partition(':')
                cur[field] = value.strip()
    if cur:
        out.append(cur)
    return out


def relation_names(value):
    names = []
    for item in value.replace('\n', ' ').split(','):
        item = item.strip()
        if item:
            names.append(re.split(r'[\s(\[<]', item, 1)[0])
    return names


def main():
    root, meson_version = sys.argv[1], sys.argv[2]
    deb = os.path.join(root, 'debian')

    # changelog
    with open(os.path.join(deb, 'changelog'), encoding='utf-8') as f:
        first = f.readline()
    m = re.match(r'^(\S+) \((?:\d+:)?([^)\s]+)\) ([a-z-]+); urgency=\w+$', first.rstrip('\n'))
    if not m:
        fail(f'debian/changelog: first line not understood: {first!r}')
    else:
        source, version, dist = m.groups()
        upstream = version.rsplit('-', 1)[0] if '-' in version else version
        if source != 'attest':
            fail(f'debian/changelog: source {source}, expected attest')
        if upstream != meson_version:
            fail(f'debian/changelog: version {version} (upstream {upstream}) but meson.build says {meson_version}')
        if dist == 'UNRELEASED':
            fail('debian/changelog: UNRELEASED (lintian refuses it in a .changes)')

    # control
    src, *binaries = paragraphs(os.path.join(deb, 'control'))
    build_deps = src.get('Build-Depends', '')
    bd = relation_names(build_deps)
    if len(bd) != len(set(bd)):
        fail('debian/control: a Build-Depends is listed twice')
    if not re.search(r'(^|,)\s*debhelper-compat \(= 13\)', build_deps):
        fail('debian/control: Build-Depends lacks debhelper-compat (= 13)')
    deps_sh = os.path.join(root, 'build-aux', 'deps.sh')
    listed = subprocess.run(['bash', '-c', 'source "$1"; printf "%s\\n" "${ATTEST_BUILD_PACKAGES[@]}"',
                             'bash', deps_sh], capture_output=True, text=True, check=True).stdout.split()
    wanted = set(listed) - BUILD_ESSENTIAL
    have = set(bd) - {'debhelper-compat'}
    for p in sorted(wanted - have):
        fail(f'debian/control: {p} (ATTEST_BUILD_PACKAGES in build-aux/deps.sh) is not in Build-Depends')
    for p in sorted(have - wanted):
        fail(f'debian/control: Build-Depends {p} is not in ATTEST_BUILD_PACKAGES (build-aux/deps.sh)')
    for p in sorted(BUILD_ESSENTIAL & set(bd)):
        fail(f'debian/control: {p} is build-essential, not a Build-Depends')
    if src.get('Rules-Requires-Root') != 'no':
        fail('debian/control: Rules-Requires-Root is not "no"')
    for field in ('Section', 'Priority', 'Standards-Version', 'Maintainer', 'Homepage'):
        if not src.get(field):
            fail(f'debian/control: no {field}')
    pkg = next((b for b in binaries if b.get('Package') == 'attest'), None)
    if pkg is None:
        fail('debian/control: no binary package attest')
    else:
        depends = pkg.get('Depends', '')
        for sub in ('${shlibs:Depends}', '${misc:Depends}'):
            if sub not in depends:
                fail(f'debian/control: Depends lacks {sub}')
        run_time = set()
        for field in ('Depends', 'Recommends', 'Suggests'):
            run_time |= set(relation_names(pkg.get(field, '')))
        for p in sorted((RUN_TIME & set(listed)) - run_time):
            fail(f'debian/control: {p} (needed at run time) is not in Depends, Recommends or Suggests')
        if 'glib-networking' not in relation_names(depends):
            fail('debian/control: Depends lacks glib-networking (link get downloads over https)')

    # rules
    with open(os.path.join(deb, 'rules'), encoding='utf-8') as f:
        rules = f.read()
    if not re.search(r'^\tdh \$@ --buildsystem=meson$', rules, re.M):
        fail('debian/rules: no "dh $@ --buildsystem=meson"')
    m = re.search(r'^override_dh_auto_test:\n((?:\t.*\n)+)', rules, re.M)
    if not m or '--no-suite gui' not in m.group(1):
        fail('debian/rules: override_dh_auto_test does not leave out the gui suite')

    # copyright
    cparas = paragraphs(os.path.join(deb, 'copyright'))
    if not cparas or not cparas[0].get('Format', '').startswith(
            'https://www.debian.org/doc/packaging-manuals/copyright-format/1.0'):
        fail('debian/copyright: not machine-readable (Format: copyright-format 1.0)')
    files_paras = [p for p in cparas if 'Files' in p]
    texts = {p['License'].split('\n')[0].strip() for p in cparas
             if 'License' in p and 'Files' not in p and '\n' in p['License']}
    for p in files_paras:
        name = p.get('License', '').split('\n')[0].strip()
        if not p.get('Copyright'):
            fail(f'debian/copyright: Files {p["Files"]} has no Copyright')
        if '\n' not in p.get('License', '') and name not in texts:
            fail(f'debian/copyright: License {name} has no text')
    offerings = sorted(os.listdir(os.path.join(root, 'data', 'offerings')))
    if not offerings:
        fail('data/offerings/ is empty')
    for page in offerings:
        path = 'data/offerings/' + page
        covering = None
        for p in files_paras:     # the last stanza that matches wins
            if any(fnmatch.fnmatchcase(path, pat) for pat in p['Files'].split()):
                covering = p
        if covering is None or covering['Files'].split() == ['*']:
            fail(f'debian/copyright: {path} is covered by no stanza of its own')

    # lintian overrides
    ovr = os.path.join(deb, 'attest.lintian-overrides')
    if os.path.exists(ovr):
        with open(ovr, encoding='utf-8') as f:
            lines = f.read().splitlines()
        for i, line in enumerate(lines):
            if line.strip() and not line.startswith('#'):
                j = i - 1
                while j >= 0 and not lines[j].strip() == '' and not lines[j].startswith('#'):
                    j -= 1
                if j < 0 or not lines[j].startswith('#'):
                    fail(f'debian/attest.lintian-overrides:{i + 1}: override without a comment: {line}')

    for e in errors:
        print(e, file=sys.stderr)
    if errors:
        sys.exit(1)
    print(f'debian: version {meson_version}, {len(bd)} Build-Depends as in deps.sh, '
          f'{len(offerings)} offering pages covered by debian/copyright')


main()
