#!/usr/bin/env python3
"""Runs one GUI test on an X server and a D-Bus session of its own.

    private-display.py PROGRAM [ARGS...]

Each GUI test gets a fresh Xvfb (its display number chosen by Xvfb itself
through -displayfd, so two tests starting at once never race for one), a
private XDG_RUNTIME_DIR (where the accessibility bus puts its socket) and a
private session bus (dbus-run-session). Nothing is shared between tests:
keyboard focus, XTEST typing, the accessibility tree and the clipboard of one
test cannot reach another, so meson runs them side by side.

Exit status: the test's own; 99 (meson's "hard error") when the X server
could not start.
"""

import os
import shutil
import subprocess
import sys
import tempfile


def start_xvfb(log):
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(
        ['Xvfb', '-displayfd', str(write_fd), '-screen', '0', '1280x1024x24',
         '-nolisten', 'tcp'],
        pass_fds=(write_fd,), stdin=subprocess.DEVNULL, stdout=log,
        stderr=subprocess.STDOUT)
    os.close(write_fd)
    # Xvfb writes the display number and a newline once it accepts clients;
    # end of file first means it exited.
    number = b''
    with os.fdopen(read_fd, 'rb') as pipe:
        while not number.endswith(b'\n'):
            chunk = pipe.read(1)
            if not chunk:
                break
            number += chunk
    number = number.strip()
    if not number.isdigit():
        xvfb.kill()
        xvfb.wait()
        return None, None
    return xvfb, ':' + number.decode()


def main():
    if len(sys.argv) < 2:
        sys.stderr.write('usage: private-display.py PROGRAM [ARGS...]\n')
        return 2

    runtime = tempfile.mkdtemp(prefix='attest-gui-test-')
    os.chmod(runtime, 0o700)
    try:
        with open(os.path.join(runtime, 'xvfb.log'), 'w+b') as log:
            xvfb, display = start_xvfb(log)
            if xvfb is None:
                log.seek(0)
                sys.stderr.write('private-display.py: Xvfb did not start:\n')
                sys.stderr.write(log.read().decode(errors='replace'))
                return 99
            try:
                env = dict(os.environ, DISPLAY=display, XDG_RUNTIME_DIR=runtime)
                env.pop('WAYLAND_DISPLAY', None)
                env.pop('XAUTHORITY', None)
                test = subprocess.run(['dbus-run-session', '--'] + sys.argv[1:], env=env)
            finally:
                xvfb.terminate()
                try:
                    xvfb.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    xvfb.kill()
                    xvfb.wait()
    finally:
        shutil.rmtree(runtime, ignore_errors=True)

    # A test killed by a signal: report it as a shell would.
    return test.returncode if test.returncode >= 0 else 128 - test.returncode


if __name__ == '__main__':
    sys.exit(main())
