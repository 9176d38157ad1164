"""The benchmark tool slow.echo: answers with its `text` after sleeping `ms` milliseconds (tool-protocol-v1.md)."""

import json
import sys
import time


def main():
    request = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    given = request.get("input", {})
    time.sleep(given.get("ms", 0) / 1000)
    sys.stdout.write(json.dumps({"output": {"text": given.get("text", "")}}) + "\n")


if __name__ == "__main__":
    main()
