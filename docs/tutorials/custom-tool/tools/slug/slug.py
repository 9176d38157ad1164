"""The tool text.slug: one request on stdin, one response on stdout (docs/spec/tool-protocol-v1.md)."""

import json
import re
import sys

request = json.load(sys.stdin)
title = request["input"]["title"]
slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
json.dump({"output": {"slug": slug}}, sys.stdout)
