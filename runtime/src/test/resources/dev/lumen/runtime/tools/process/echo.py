# Answers with what it was given: the request, its environment and its working directory.
import json, os, sys
request = json.loads(sys.stdin.read())
print(json.dumps({"output": {"request": request, "env": dict(os.environ), "cwd": os.getcwd()}}))
