import sys


def run(n):
    syllables = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze", "pa"]
    words = [syllables[k % 10] + syllables[k // 10 % 10] + syllables[k // 100] for k in range(997)]
    counts = {}
    for i in range(n):
        w = words[i * i % 997]
        counts[w] = counts.get(w, 0) + 1
    checksum = len(counts)
    for word in sorted(counts):
        checksum = (checksum * 31 + counts[word]) % 1000000007
    return checksum


print(run(int(sys.argv[1])))
