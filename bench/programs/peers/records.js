function run(n) {
  const regions = ["north", "south", "east", "west"];
  const orders = [];
  for (let i = 0; i < n; i++) orders.push({ id: i, region: regions[i % 4], amount: i * 7919 % 1000, paid: i % 3 !== 0 });
  let total = 0, matched = 0;
  for (const order of orders) {
    if (order.paid && order.region === "east") { total += order.amount; matched++; }
  }
  return total * 1000 + matched % 1000;
}
console.log(String(run(Number(process.argv[2]))));
