# Reports its own error, as the protocol says, and a note on stderr.
import sys
sys.stdin.read()
sys.stderr.write("checked the input\n")
print('{"error": {"message": "the input has no title"}}')
