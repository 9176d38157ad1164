"""An MCP server over stdio whose one tool, `wait`, never answers: it touches the file named by its first
argument when the call arrives, then sleeps. For the test that interrupts a run in the middle of a call."""
import json
import sys
import time

called = sys.argv[1]


def send(message):
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


for line in sys.stdin:
    request = json.loads(line)
    method = request.get("method")
    if method == "initialize":
        send({"jsonrpc": "2.0", "id": request["id"], "result": {
            "protocolVersion": "2025-11-25", "capabilities": {"tools": {}},
            "serverInfo": {"name": "stuck", "version": "1"}}})
    elif method == "tools/list":
        send({"jsonrpc": "2.0", "id": request["id"], "result": {"tools": [
            {"name": "wait", "inputSchema": {"type": "object", "properties": {}}}]}})
    elif method == "tools/call":
        open(called, "w").close()
        while True:
            time.sleep(60)
