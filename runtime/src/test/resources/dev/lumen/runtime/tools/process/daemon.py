# Answers, then leaves a child behind that keeps stdout open; says the child's id on stderr.
import subprocess, sys
child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
sys.stderr.write("child %d\n" % child.pid)
print('{"output": 1}')
