#!/usr/bin/env python3
"""Runs one GUI test on an X server and a D-Bus session of its own.

    private-display.py PROGRAM [ARGS...]

Each GUI test gets a fresh Xvfb (its display number chosen by Xvfb itself
through -displayfd, so two tests starting at once never race for one), a
private XDG_RUNTIME_DIR (where the accessibility bus puts its socket) and a
private session bus. Nothing is shared between tests:
keyboard focus, XTEST typing, the accessibility tree and the clipboard of one
test cannot reach another, so meson runs them side by side.

The X server and the bus run without the test's malloc checks (meson sets
MALLOC_PERTURB_ and MALLOC_CHECK_ for the tests; Xvfb and dbus-daemon are not
ours to test) and without resetting when their last client leaves; the test
gets them back. When the test fails, Xvfb's log and, if it died, its exit
status follow the test's output.

Exit status: the test's own; 99 (meson's "hard error") when the X server
could not start.
"""

import os
import shutil
import subprocess
import sys
import tempfile


# What meson sets for the tests alone, kept from the X server and the bus.
TEST_ONLY = ('MALLOC_PERTURB_', 'MALLOC_CHECK_')


def start_xvfb(log, env):
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(
        ['Xvfb', '-displayfd', str(write_fd), '-screen', '0', '1280x1024x24',
         '-nolisten', 'tcp', '-noreset'],
        pass_fds=(write_fd,), stdin=subprocess.DEVNULL, stdout=log,
        stderr=subprocess.STDOUT, env=env)
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


def start_bus(env):
    """A session bus as dbus-run-session starts one, but what it and the
    services it starts (the accessibility bus and registry) print goes to
    stderr: the test's stdout is its TAP stream."""
    read_fd, write_fd = os.pipe()
    bus = subprocess.Popen(
        ['dbus-daemon', '--session', '--nofork', '--print-address=%d' % write_fd],
        pass_fds=(write_fd,), stdin=subprocess.DEVNULL, stdout=sys.stderr.fileno(),
        env=env)
    os.close(write_fd)
    with os.fdopen(read_fd, 'rb') as pipe:
        address = pipe.readline().strip().decode()
    if not address:
        bus.kill()
        bus.wait()
        return None, None
    return bus, address


def main():
    if len(sys.argv) < 2:
        sys.stderr.write('usage: private-display.py PROGRAM [ARGS...]\n')
        return 2

    runtime = tempfile.mkdtemp(prefix='attest-gui-test-')
    os.chmod(runtime, 0o700)
    try:
        infra_env = {k: v for k, v in os.environ.items() if k not in TEST_ONLY}
        with open(os.path.join(runtime, 'xvfb.log'), 'w+b') as log:
            xvfb, display = start_xvfb(log, infra_env)
            if xvfb is None:
                log.seek(0)
                sys.stderr.write('private-display.py: Xvfb did not start:\n')
                sys.stderr.write(log.read().decode(errors='replace'))
                return 99
            try:
                env = dict(infra_env, DISPLAY=display, XDG_RUNTIME_DIR=runtime)
                env.pop('WAYLAND_DISPLAY', None)
                env.pop('XAUTHORITY', None)
                bus, address = start_bus(env)
                if bus is None:
                    sys.stderr.write('private-display.py: dbus-daemon did not start\n')
                    return 99
                try:
                    env['DBUS_SESSION_BUS_ADDRESS'] = address
                    test_env = dict(env, **{k: os.environ[k] for k in TEST_ONLY if k in os.environ})
                    test = subprocess.run(sys.argv[1:], env=test_env)
                finally:
                    bus.terminate()
                    bus.wait()
                if test.returncode != 0:
                    died = xvfb.poll()
                    if died is not None:
                        sys.stderr.write('private-display.py: Xvfb on %s exited (status %d) '
                                         'before the test ended\n' % (display, died))
                    log.seek(0)
                    sys.stderr.write('private-display.py: Xvfb on %s said:\n' % display)
                    sys.stderr.write(log.read().decode(errors='replace'))
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
