import sys

def run(n):
    text = "".join([f"item{i};" for i in range(n)])
    checksum = 0
    for ch in text:
        checksum = (checksum * 31 + ord(ch)) % 1000000007
    return checksum

print(run(int(sys.argv[1])))
