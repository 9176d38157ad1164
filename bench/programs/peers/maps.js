function run(n) {
  const syllables = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze", "pa"];
  const words = [];
  for (let k = 0; k < 997; k++) words.push(syllables[k % 10] + syllables[Math.floor(k / 10) % 10] + syllables[Math.floor(k / 100)]);
  const counts = new Map();
  for (let i = 0; i < n; i++) {
    const w = words[i * i % 997];
    counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  let checksum = counts.size;
  for (const word of [...counts.keys()].sort()) checksum = (checksum * 31 + counts.get(word)) % 1000000007;
  return checksum;
}
console.log(String(run(Number(process.argv[2]))));
