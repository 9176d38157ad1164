import hashlib
import json
import sys


def ticket(i):
    priority = "Normal"
    if i % 7 == 0:
        priority = "Urgent"
    elif i % 3 == 0:
        priority = "Low"
    note = f'call "back"\nbefore {i % 24}h — ok' if i % 5 == 0 else None
    lines = [{"sku": f"SKU-{i % 1000}", "qty": i % 9 + 1}, {"sku": f"SKU-{i * 31 % 1000}", "qty": 1}]
    return {"id": i, "customer": f"customer-{i % 5000}", "priority": priority, "lines": lines,
            "paid": i % 2 == 0, "note": note}


def run(n):
    checksum = 0
    for i in range(n):
        text = json.dumps(ticket(i), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        checksum = (checksum * 31 + hashlib.sha256(text.encode()).digest()[0]) % 1000000007
    return checksum


print(run(int(sys.argv[1])))
