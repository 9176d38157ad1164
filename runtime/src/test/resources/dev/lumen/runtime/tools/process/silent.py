# Exits successfully without writing a response.
import sys
sys.stdin.read()
