# Starts a child that sleeps, says both process ids on stderr, then sleeps too: only a kill ends them.
import os, subprocess, sys, time
child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
sys.stderr.write("pids %d %d\n" % (os.getpid(), child.pid))
sys.stderr.flush()
time.sleep(60)
