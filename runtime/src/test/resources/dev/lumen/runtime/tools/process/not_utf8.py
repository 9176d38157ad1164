# Writes a response whose bytes are not UTF-8.
import sys
sys.stdout.buffer.write(b'{"output": "caf\xe9"}')
