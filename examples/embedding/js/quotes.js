// Calls the cells of quote.lm.md from JavaScript, with JavaScript objects and arrays as Lumen records and
// lists, and answers the document's `fx.rate` tool with a JavaScript function.
// Run: examples/embedding/run (java ... com.example.runjs.RunJs quotes.js DOCUMENT STORE)
const [document, store] = arguments;

const perEuro = {EUR: 1.0, USD: 1.08, GBP: 0.85};
let rateCalls = 0;
// A host tool: a polyglot binding `lumen.tool.<tool id>` holding its manifest and the function that answers.
Polyglot.export('lumen.tool.fx.rate', {
  manifest: {
    tool_id: 'fx.rate', version: '1.0.0', effect: 'pure',
    input_schema: {type: 'record', fields: {from: {type: 'String'}, to: {type: 'String'}}},
    output_schema: {type: 'record', fields: {rate: {type: 'Float'}}},
  },
  call: (input) => {
    rateCalls++;
    return {rate: perEuro[input.to] / perEuro[input.from]};
  },
});

const quotes = Polyglot.evalFile('lumen', document);
console.log('cells: ' + Object.keys(quotes).join(', '));

const quote = {
  customer: 'ACME Tooling',
  currency: 'EUR',
  lines: [
    {sku: 'WR-42', quantity: 3, unit_price: 42.50},
    {sku: 'HB-07', quantity: 10, unit_price: 7.90},
  ],
};
console.log('subtotal: ' + quotes.subtotal(quote).toFixed(2) + ' EUR');

// A Lumen record is an object whose keys are its fields.
const total = quotes.total_in(quote, 'GBP');
console.log(`total: ${total.amount.toFixed(2)} ${total.currency} over ${total.lines} lines`);
console.log('fields: ' + Object.keys(total).join(', '));

let sum = 0;
const started = Date.now();
for (let i = 0; i < 100000; i++) {
  sum += quotes.subtotal(quote);
}
console.log('100,000 calls: sum ' + sum.toFixed(0));
console.error(`100,000 calls of quotes.subtotal from a JavaScript loop: ${Date.now() - started} ms`);
console.log('fx.rate answered by the script: ' + rateCalls + ' time(s)');

try {
  quotes.parse_quote('{"customer": "ACME", "currency": "EUR", "lines": [{"sku": "X", "quantity": 2, "unit_price": 1.5}]}');
} catch (e) {
  console.log('validation failed: ' + e.errors.map((f) => f.path + ': ' + f.message).join('; '));
}
