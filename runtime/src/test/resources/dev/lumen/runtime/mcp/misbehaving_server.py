"""A stdio MCP server for the client's tests, breaking or bending the protocol in the way its argument names.

garbage        answers initialize with a line that is not JSON-RPC
exit           writes to stderr and exits with status 3 before reading anything
silent         reads everything, answers nothing (not even initialize)
hang           completes the handshake, then answers nothing and ignores the end of stdin
wrong-version  answers initialize with a protocol revision the client does not speak
old-version    speaks revision 2025-06-18 correctly, with one tool whose call fails with a JSON-RPC error
revision:V     speaks revision V, with one tool `measure` that declares an output schema and answers
               {"n": 7} as structured content and "seven" as text, whatever the revision
"""
import json
import sys
import time

mode = sys.argv[1]
MEASURE = {"name": "measure", "inputSchema": {"type": "object"},
           "outputSchema": {"type": "object", "properties": {"n": {"type": "integer"}}, "required": ["n"]}}


def send(message):
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def answer(request, result):
    send({"jsonrpc": "2.0", "id": request["id"], "result": result})


def initialize_result(request, version):
    return {"jsonrpc": "2.0", "id": request["id"], "result": {
        "protocolVersion": version,
        "capabilities": {"tools": {}},
        "serverInfo": {"name": "misbehaving", "version": "0.0.1"}}}


if mode == "exit":
    sys.stderr.write("misbehaving: cannot open its configuration\n")
    sys.exit(3)

for line in sys.stdin:
    request = json.loads(line)
    method = request.get("method")
    if "id" not in request or mode == "silent":
        continue
    if method == "initialize":
        if mode == "garbage":
            sys.stdout.write("Starting misbehaving server v0.0.1...\n")
            sys.stdout.flush()
        elif mode == "wrong-version":
            send(initialize_result(request, "2099-01-01"))
        elif mode == "old-version":
            send(initialize_result(request, "2025-06-18"))
        elif mode.startswith("revision:"):
            send(initialize_result(request, mode[len("revision:"):]))
        else:
            send(initialize_result(request, request["params"]["protocolVersion"]))
    elif mode == "old-version" and method == "tools/list":
        answer(request, {"tools": [{"name": "explode", "inputSchema": {"type": "object"}}]})
    elif mode == "old-version" and method == "tools/call":
        send({"jsonrpc": "2.0", "id": request["id"], "error": {"code": -32000, "message": "it exploded"}})
    elif mode.startswith("revision:") and method == "tools/list":
        answer(request, {"tools": [MEASURE]})
    elif mode.startswith("revision:") and method == "tools/call":
        answer(request, {"content": [{"type": "text", "text": "seven"}], "structuredContent": {"n": 7}})

if mode == "hang":
    while True:
        time.sleep(60)
