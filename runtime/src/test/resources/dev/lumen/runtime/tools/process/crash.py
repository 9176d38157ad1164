# Dies with a traceback on stderr (status 1).
import json, sys
request = json.loads(sys.stdin.read())
raise ValueError("cannot count " + request["input"]["text"])
