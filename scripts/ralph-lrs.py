#!/usr/bin/env python3
"""Run Ralph, an open-source xAPI Learning Record Store, on loopback for coach's tests.

    python3 scripts/ralph-lrs.py --directory DIR --port PORT --user NAME --password SECRET

Everything the tests talk to is Ralph's own: its HTTP API (`/xAPI/statements`), its
Basic authentication from its own auth file, its statement validation, its check of
duplicate statement ids and its queries. Ralph's only backend that needs no database
server is the file backend (`fs`), which stores statements as JSON lines in
DIR/fs_lrs.jsonl, and it writes every POST in "create" mode: the second POST fails with
HTTP 500 because the file exists. This launcher makes that one backend append instead,
which is what a file-backed LRS must do, and starts Ralph's app with uvicorn.

The statements survive a restart (they are in the file), so a test can stop this process
(SIGTERM: requests in flight are finished first) and start it again on the same directory
and port. A SIGKILL in the middle of an append can leave a torn last line, which this
backend cannot read back: that is a crash of a development backend, not a restart.
"""

import argparse
import os
import signal
import subprocess
import sys


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--directory", required=True, help="where the statements are kept")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--user", required=True)
    parser.add_argument("--password", required=True)
    arguments = parser.parse_args()
    # A test runner may start this with SIGTERM blocked (a thread's mask is inherited): let the
    # web server see it, so that a restart finishes the requests in flight before it stops.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})

    directory = os.path.abspath(arguments.directory)
    os.makedirs(directory, exist_ok=True)
    # Ralph reads its settings from the environment when its modules are imported.
    os.environ["RALPH_APP_DIR"] = os.path.join(directory, "ralph-app")
    os.environ["RALPH_RUNSERVER_BACKEND"] = "fs"
    os.environ["RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH"] = directory
    os.environ["RALPH_RUNSERVER_AUTH_BACKENDS"] = "basic"

    auth_file = os.path.join(os.environ["RALPH_APP_DIR"], "auth.json")
    if not os.path.exists(auth_file):
        # Ralph's own command writes the account, with its password hashed as Ralph expects.
        subprocess.run(
            [sys.executable, "-m", "ralph", "auth", "-u", arguments.user, "-p", arguments.password,
             "-s", "all", "-w", "-A", "coach", "https://coach.example"],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )

    from ralph.backends.data.base import BaseOperationType
    from ralph.backends.lrs.fs import FSLRSBackend
    import uvicorn

    FSLRSBackend.default_operation_type = BaseOperationType.APPEND
    uvicorn.run("ralph.api:app", host="127.0.0.1", port=arguments.port, log_level="info")
    return 0


if __name__ == "__main__":
    sys.exit(main())
