import sys
from dataclasses import dataclass


@dataclass(slots=True)
class Order:
    id: int
    region: str
    amount: int
    paid: bool


def run(n):
    regions = ["north", "south", "east", "west"]
    orders = [Order(i, regions[i % 4], i * 7919 % 1000, i % 3 != 0) for i in range(n)]
    total = 0
    matched = 0
    for order in orders:
        if order.paid and order.region == "east":
            total += order.amount
            matched += 1
    return total * 1000 + matched % 1000


print(run(int(sys.argv[1])))
