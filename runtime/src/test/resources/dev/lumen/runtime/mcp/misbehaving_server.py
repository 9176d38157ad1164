"""A stdio MCP server for the client's tests, breaking or bending the protocol in the way its argument names.

garbage        answers initialize with a line that is not JSON-RPC
exit           writes to stderr and exits with status 3 before reading anything
silent         reads everything, answers nothing (not even initialize)
hang           completes the handshake, then answers nothing and ignores the end of stdin
wrong-version  answers initialize with a protocol revision the client does not speak
old-version    speaks revision 2025-06-18 correctly, with one tool whose call fails with a JSON-RPC error
revision:V     speaks revision V, with one tool `measure` that declares an output schema and answers
               {"n": 7} as structured content and "seven" as text, whatever the revision
no-tools       declares no capabilities, and fails tools/list as a server without tools does
asks-client    a tool `ask` whose call first asks the client for elicitation, sampling and roots, then
               answers with the client's capabilities and the error code of each of the client's answers
client-features  a client's capabilities at work: `elicit` (argument `required`: a form whose required
               property has no default), `sample` and `roots` ask the client, and each answers with the
               client's answer as JSON text; as soon as the client is initialized, a client that declares
               roots is asked for them, before any call
slow           a tool `slow` whose call is answered with progress notifications (1/2 "started", 2/2 "almost")
               for its progress token, and one for another token, but never with a result; the server goes on
               reading, so a notifications/cancelled the client sends arrives

A second argument names a file to which the method of every message received is appended, one per line; in
mode slow, `tools/call` and `notifications/cancelled` lines also hold the request's id and progress token, or
the notification's params, as JSON.
"""
import json
import sys
import time

mode = sys.argv[1]
log = sys.argv[2] if len(sys.argv) > 2 else None
ASKED = ["elicitation/create", "sampling/createMessage", "roots/list"]
MEASURE = {"name": "measure", "inputSchema": {"type": "object"},
           "outputSchema": {"type": "object", "properties": {"n": {"type": "integer"}}, "required": ["n"]}}


def send(message):
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


backlog = []  # messages read while waiting for the client's answer to a request, handled after it


def logged(message):
    method = message.get("method", "response")
    if mode != "slow":
        return method
    if method == "tools/call":
        return method + " " + json.dumps({"id": message["id"],
                                          "progressToken": message["params"].get("_meta", {}).get("progressToken")})
    if method == "notifications/cancelled":
        return method + " " + json.dumps(message["params"], sort_keys=True)
    return method


def progress(token, done, total, message):
    send({"jsonrpc": "2.0", "method": "notifications/progress",
          "params": {"progressToken": token, "progress": done, "total": total, "message": message}})


def read():
    """The next message from the client, or None at the end of stdin."""
    line = sys.stdin.readline()
    if not line:
        return None
    message = json.loads(line)
    if log:
        with open(log, "a") as f:
            f.write(logged(message) + "\n")
    return message


def received():
    while True:
        message = backlog.pop(0) if backlog else read()
        if message is None:
            return
        yield message


def answer(request, result):
    send({"jsonrpc": "2.0", "id": request["id"], "result": result})


def initialize_result(request, version):
    capabilities = {} if mode == "no-tools" else {"tools": {}}
    return {"jsonrpc": "2.0", "id": request["id"], "result": {
        "protocolVersion": version,
        "capabilities": capabilities,
        "serverInfo": {"name": "misbehaving", "version": "0.0.1"}}}


def ask_client(messages, client_capabilities):
    for number, method in enumerate(ASKED):
        send({"jsonrpc": "2.0", "id": "ask-%d" % number, "method": method, "params": {}})
    codes = {}
    for message in messages:
        if str(message.get("id", "")).startswith("ask-"):
            codes[ASKED[int(message["id"][4:])]] = message.get("error", {}).get("code", "no error")
            if len(codes) == len(ASKED):
                break
    return "capabilities " + json.dumps(client_capabilities) + "; " + ", ".join(
        "%s: %s" % (method, codes.get(method)) for method in ASKED)


FORM = {"type": "object", "properties": {
    "name": {"type": "string", "default": "Ada"},
    "age": {"type": "integer", "default": 36},
    "nickname": {"type": "string"}},
    "required": ["name"]}
ASKS = {
    "elicit": lambda arguments: ("elicitation/create", {
        "message": "Who are you?",
        "requestedSchema": dict(FORM, required=["name", "nickname"]) if arguments.get("required") else FORM}),
    "sample": lambda arguments: ("sampling/createMessage", {
        "messages": [{"role": "user", "content": {"type": "text", "text": "Say hello"}}],
        "systemPrompt": "Be brief.", "maxTokens": 20}),
    "roots": lambda arguments: ("roots/list", {}),
}


def ask(method, params, number):
    """Sends the client a request and returns its answer (the whole response) as JSON text."""
    send({"jsonrpc": "2.0", "id": "feature-%s" % number, "method": method, "params": params})
    while True:
        message = read()
        if message is None:
            return "no answer"
        if message.get("id") == "feature-%s" % number and "method" not in message:
            return json.dumps({k: message[k] for k in ("result", "error") if k in message}, sort_keys=True)
        backlog.append(message)


if mode == "exit":
    sys.stderr.write("misbehaving: cannot open its configuration\n")
    sys.exit(3)

client_capabilities = None
messages = received()
for request in messages:
    method = request.get("method")
    if mode == "client-features" and method == "notifications/initialized" and "roots" in client_capabilities:
        ask("roots/list", {}, 0)
    if "id" not in request or mode == "silent":
        continue
    if method == "initialize":
        client_capabilities = request["params"].get("capabilities")
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
    elif mode == "no-tools" and method == "tools/list":
        send({"jsonrpc": "2.0", "id": request["id"], "error": {"code": -32601, "message": "Method not found"}})
    elif mode == "old-version" and method == "tools/list":
        answer(request, {"tools": [{"name": "explode", "inputSchema": {"type": "object"}}]})
    elif mode == "old-version" and method == "tools/call":
        send({"jsonrpc": "2.0", "id": request["id"], "error": {"code": -32000, "message": "it exploded"}})
    elif mode.startswith("revision:") and method == "tools/list":
        answer(request, {"tools": [MEASURE]})
    elif mode.startswith("revision:") and method == "tools/call":
        answer(request, {"content": [{"type": "text", "text": "seven"}], "structuredContent": {"n": 7}})
    elif mode == "asks-client" and method == "tools/list":
        answer(request, {"tools": [{"name": "ask", "inputSchema": {"type": "object"}}]})
    elif mode == "slow" and method == "tools/list":
        answer(request, {"tools": [{"name": "slow", "inputSchema": {"type": "object"}}]})
    elif mode == "slow" and method == "tools/call":
        token = request["params"].get("_meta", {}).get("progressToken")
        progress("someone-else", 9, 9, "not yours")
        progress(token, 1, 2, "started")
        progress(token, 2, 2, "almost")
    elif mode == "client-features" and method == "tools/list":
        answer(request, {"tools": [{"name": name, "inputSchema": {"type": "object"}} for name in ASKS]})
    elif mode == "client-features" and method == "tools/call":
        params = request["params"]
        asked, asked_params = ASKS[params["name"]](params.get("arguments") or {})
        answer(request, {"content": [{"type": "text", "text": ask(asked, asked_params, request["id"])}]})
    elif mode == "asks-client" and method == "tools/call":
        answer(request, {"content": [{"type": "text", "text": ask_client(messages, client_capabilities)}]})

if mode == "hang":
    while True:
        time.sleep(60)
