function run(n) {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += i * i % 7;
  return sum;
}
console.log(String(run(Number(process.argv[2]))));
