"""The native tool text.stats: counts of a text, speaking Lumen's tool protocol (docs/spec/tool-protocol-v1.md).

Reads one request object from stdin and writes one response object to stdout. Only the standard library.
"""

import json
import sys

PROTOCOL = "lumen-tool/1"


def stats(text):
    """Lines as an editor numbers them, words between white space, characters as code points."""
    lines = text.splitlines()
    return {
        "lines": len(lines),
        "words": len(text.split()),
        "characters": len(text),
        "bytes": len(text.encode("utf-8")),
        "longest_line": max((len(line) for line in lines), default=0),
    }


def answer(request):
    if not isinstance(request, dict) or request.get("protocol") != PROTOCOL:
        return {"error": {"message": "text.stats speaks " + PROTOCOL + " only"}}
    text = request.get("input", {}).get("text")
    if not isinstance(text, str):
        return {"error": {"message": "input `text` must be a String"}}
    try:
        return {"output": stats(text)}
    except UnicodeEncodeError:
        return {"error": {"message": "input `text` is not valid Unicode text"}}


def main():
    try:
        request = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    except ValueError as e:
        response = {"error": {"message": "the request is not JSON: " + str(e)}}
    else:
        response = answer(request)
    sys.stdout.buffer.write(json.dumps(response, ensure_ascii=False).encode("utf-8") + b"\n")


if __name__ == "__main__":
    main()
