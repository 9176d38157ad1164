"""An MCP server over stdio whose tools carry behaviour hints, for the tests of what the tool cache answers.

Every call is appended to the file named by the first argument (`TOOL ARGUMENTS`, one line each), and answered
with the tool's name and how many times the log says it has been called: `lookup #2`. So the log shows which
calls were performed, and an answer shows which performance it came from.

lookup   readOnlyHint true, openWorldHint false   (cached within a run by default)
search   readOnlyHint true, no openWorldHint      (open world by the specification's default: performed)
record   readOnlyHint false                       (a write: performed, and it changes the server)
"""
import json
import sys

log = sys.argv[1]
TOOLS = [
    {"name": "lookup", "inputSchema": {"type": "object", "properties": {"key": {"type": "string"}}},
     "annotations": {"readOnlyHint": True, "openWorldHint": False}},
    {"name": "search", "inputSchema": {"type": "object", "properties": {"key": {"type": "string"}}},
     "annotations": {"readOnlyHint": True}},
    {"name": "record", "inputSchema": {"type": "object", "properties": {"key": {"type": "string"}}},
     "annotations": {"readOnlyHint": False, "destructiveHint": False, "openWorldHint": False}},
]


def send(message):
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def performed(tool):
    with open(log, "a+") as f:
        f.seek(0)
        count = sum(1 for line in f if line.split(" ")[0] == tool)
    return count


for line in sys.stdin:
    request = json.loads(line)
    method = request.get("method")
    if method == "initialize":
        send({"jsonrpc": "2.0", "id": request["id"], "result": {
            "protocolVersion": "2025-11-25", "capabilities": {"tools": {}},
            "serverInfo": {"name": "annotated", "version": "1.0.0"}}})
    elif method == "tools/list":
        send({"jsonrpc": "2.0", "id": request["id"], "result": {"tools": TOOLS}})
    elif method == "tools/call":
        name = request["params"]["name"]
        with open(log, "a") as f:
            f.write(name + " " + json.dumps(request["params"].get("arguments", {}), sort_keys=True) + "\n")
        text = "%s #%d" % (name, performed(name))
        send({"jsonrpc": "2.0", "id": request["id"], "result": {"content": [{"type": "text", "text": text}]}})
