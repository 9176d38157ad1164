# Exits with the status given as its argument, after a response that must not count.
import sys
print('{"output": "ignored"}')
sys.stderr.write("giving up\n")
sys.exit(int(sys.argv[1]))
