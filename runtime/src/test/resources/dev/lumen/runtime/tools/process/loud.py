# Writes 10 000 bytes of numbered lines to stderr, then fails.
import sys
for i in range(1000):
    sys.stderr.write("line %5d\n" % i)
sys.exit(2)
