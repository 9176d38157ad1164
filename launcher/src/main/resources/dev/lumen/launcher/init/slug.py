"""The tool text.slug: a text as lower-case words joined by hyphens, speaking Lumen's tool protocol.

Reads one request object (JSON) from stdin and writes one response object to stdout.
"""

import json
import re
import sys


def main():
    request = json.loads(sys.stdin.read())
    text = request.get("input", {}).get("text")
    if not isinstance(text, str):
        response = {"error": {"message": "input `text` must be a String"}}
    else:
        response = {"output": {"slug": "-".join(re.findall(r"[a-z0-9]+", text.lower()))}}
    sys.stdout.write(json.dumps(response) + "\n")


if __name__ == "__main__":
    main()
