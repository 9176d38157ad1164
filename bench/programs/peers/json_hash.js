const crypto = require("node:crypto");

// Members in sorted order, so that JSON.stringify writes canonical JSON (RFC 8785) of these values.
function ticket(i) {
  let priority = "Normal";
  if (i % 7 === 0) priority = "Urgent";
  else if (i % 3 === 0) priority = "Low";
  const note = i % 5 === 0 ? `call "back"\nbefore ${i % 24}h — ok` : null;
  const lines = [{ qty: i % 9 + 1, sku: `SKU-${i % 1000}` }, { qty: 1, sku: `SKU-${i * 31 % 1000}` }];
  return { customer: `customer-${i % 5000}`, id: i, lines, note, paid: i % 2 === 0, priority };
}

function run(n) {
  let checksum = 0;
  for (let i = 0; i < n; i++) {
    const digest = crypto.createHash("sha256").update(JSON.stringify(ticket(i))).digest();
    checksum = (checksum * 31 + digest[0]) % 1000000007;
  }
  return checksum;
}
console.log(String(run(Number(process.argv[2]))));
