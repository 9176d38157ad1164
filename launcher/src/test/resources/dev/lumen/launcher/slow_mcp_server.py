"""An MCP server over stdio whose tools take their time, for the tests of progress and of Ctrl-C.

work   sends notifications/progress for the call's progress token, 1/3 to 3/3 ("step N"), one every 0.6 s,
       then answers "worked"
wait   never answers; the server goes on reading, so a notifications/cancelled the client sends arrives

Every message received is appended to the file named by the first argument, one line each: its method, and for
`tools/call` and `notifications/cancelled` the request's id and progress token, or the notification's params,
as JSON. A test waits for a `tools/call` line to know that the call has reached the server.
"""
import json
import sys
import time

log = sys.argv[1]


def send(message):
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def logged(message):
    method = message.get("method", "response")
    if method == "tools/call":
        return method + " " + json.dumps({"id": message["id"], "name": message["params"]["name"],
                                          "progressToken": message["params"].get("_meta", {}).get("progressToken")})
    if method == "notifications/cancelled":
        return method + " " + json.dumps(message["params"], sort_keys=True)
    return method


for line in sys.stdin:
    request = json.loads(line)
    with open(log, "a") as f:
        f.write(logged(request) + "\n")
    method = request.get("method")
    if method == "initialize":
        send({"jsonrpc": "2.0", "id": request["id"], "result": {
            "protocolVersion": "2025-11-25", "capabilities": {"tools": {}},
            "serverInfo": {"name": "slow", "version": "1"}}})
    elif method == "tools/list":
        send({"jsonrpc": "2.0", "id": request["id"], "result": {"tools": [
            {"name": "work", "inputSchema": {"type": "object", "properties": {}}},
            {"name": "wait", "inputSchema": {"type": "object", "properties": {}}}]}})
    elif method == "tools/call" and request["params"]["name"] == "work":
        token = request["params"].get("_meta", {}).get("progressToken")
        for step in range(1, 4):
            time.sleep(0.6)
            send({"jsonrpc": "2.0", "method": "notifications/progress",
                  "params": {"progressToken": token, "progress": step, "total": 3, "message": "step %d" % step}})
        send({"jsonrpc": "2.0", "id": request["id"], "result": {"content": [{"type": "text", "text": "worked"}]}})
