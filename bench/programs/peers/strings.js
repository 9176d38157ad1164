function run(n) {
  const pieces = [];
  for (let i = 0; i < n; i++) pieces.push(`item${i};`);
  const text = pieces.join("");
  let checksum = 0;
  for (let k = 0; k < text.length; k++) checksum = (checksum * 31 + text.charCodeAt(k)) % 1000000007;
  return checksum;
}
console.log(String(run(Number(process.argv[2]))));
