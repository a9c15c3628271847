"""Runs AWS CLI commands in one Python process, the CLI's own driver and parsers, without paying the
CLI's start-up (several seconds on a busy machine) per command.

Input (stdin): one JSON object per line, {"id": str, "env": {name: value}, "args": [str, ...]}.
Output (stdout): one JSON object per line, {"id", "exitCode", "stdout", "stderr", "errorCode"}, where
errorCode is what the CLI printed in "An error occurred (<code>) when calling ..." (null otherwise).
Commands sharing an environment share one CLI driver (one botocore session), as one shell would. The
process answers each line as it arrives, so a caller may keep it running between batches.
"""

import io
import json
import os
import re
import sys

from awscli.clidriver import create_clidriver

ERROR_CODE = re.compile(r"An error occurred \(([^)]+)\) when calling")


def run(driver, args):
    out_buffer, err_buffer = io.BytesIO(), io.BytesIO()
    stdout = io.TextIOWrapper(out_buffer, encoding="utf-8", write_through=True)
    stderr = io.TextIOWrapper(err_buffer, encoding="utf-8", write_through=True)
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = stdout, stderr
    try:
        exit_code = driver.main(args)
    except SystemExit as exit_request:  # argparse errors exit
        exit_code = exit_request.code if isinstance(exit_request.code, int) else 2
    finally:
        sys.stdout, sys.stderr = saved
    return exit_code, out_buffer.getvalue().decode("utf-8"), err_buffer.getvalue().decode("utf-8", "replace")


def main():
    drivers = {}
    # awscli puts its own data directory in AWS_DATA_PATH when imported: keep it.
    base_environment = {
        key: value for key, value in os.environ.items() if not key.startswith("AWS_") or key == "AWS_DATA_PATH"
    }
    while True:
        line = sys.stdin.readline()
        if line == "":
            break
        if not line.strip():
            continue
        case = json.loads(line)
        key = json.dumps(case["env"], sort_keys=True)
        os.environ.clear()
        os.environ.update(base_environment)
        os.environ.update(case["env"])
        if key not in drivers:
            drivers[key] = create_clidriver()
        exit_code, stdout, stderr = run(drivers[key], case["args"])
        match = ERROR_CODE.search(stderr)
        result = {
            "id": case["id"],
            "exitCode": exit_code,
            "stdout": stdout,
            "stderr": stderr,
            "errorCode": match.group(1) if match else None,
        }
        sys.stdout.write(json.dumps(result) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
