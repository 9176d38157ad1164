// Runs client scenarios of the MCP conformance suite against Lumen, one at a time or a few at once, each as
// the suite's CLI runs one (`conformance client --scenario NAME --command lumen-client`), and reads each
// scenario's checks.json. A scenario passes when the suite says it passed overall: no failed check, no
// warning, and the client neither timed out nor failed (unless the scenario allows it to).
// Started by ./client-scenarios, on the suite's pinned Node.js.
'use strict';
const { spawn, execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { parseArgs } = require('util');
const YAML = require('yaml');

const here = __dirname;
const suite = path.join(here, 'node_modules/@modelcontextprotocol/conformance/dist/index.js');
const client = path.join(here, 'lumen-client');

const usage = `usage: conformance/mcp/client-scenarios [OPTION...] [SCENARIO...]

Runs the suite's client scenarios (all of them, or those named) against Lumen and prints, for each, whether
it passed and how many of its checks passed, failed or warned; then compares the results with the expected
failures.

  --jobs N               scenarios run at once (default 1; timing scenarios such as sse-retry want a quiet
                         machine)
  --timeout MS           how long the suite lets the client run in one scenario (default 30000)
  --expected-failures F  the baseline (default conformance/mcp/expected-failures.yml): a scenario that fails
                         and is not listed is a regression, one that passes and is listed is stale
  --results DIR          keep each scenario's checks.json, stdout.txt and stderr.txt under DIR
  --markdown             print the table as Markdown (as the README shows it)
  --verbose              print the failed checks and the client's standard error of each failed scenario`;

function fail(message) {
    console.error(`conformance/mcp/client-scenarios: ${message}`);
    process.exit(2);
}

let options;
try {
    options = parseArgs({
        allowPositionals: true,
        options: {
            jobs: { type: 'string', default: '1' },
            timeout: { type: 'string', default: '30000' },
            'expected-failures': { type: 'string', default: path.join(here, 'expected-failures.yml') },
            results: { type: 'string' },
            markdown: { type: 'boolean', default: false },
            verbose: { type: 'boolean', default: false },
            help: { type: 'boolean', short: 'h', default: false },
        },
    });
} catch (e) {
    fail(`${e.message}\n${usage}`);
}
if (options.values.help) {
    console.log(usage);
    process.exit(0);
}
const jobs = Number.parseInt(options.values.jobs, 10);
if (!(jobs >= 1)) fail(`--jobs takes a positive number, not "${options.values.jobs}"`);
if (!/^[1-9][0-9]*$/.test(options.values.timeout)) fail(`--timeout takes milliseconds, not "${options.values.timeout}"`);

/** The client scenarios the suite lists, in its order. */
function listScenarios() {
    const out = execFileSync(process.execPath, [suite, 'list'], { encoding: 'utf8' });
    const section = out.split(/^Client scenarios.*$/m)[1] ?? '';
    return [...section.matchAll(/^\s+- (\S+)/gm)].map((m) => m[1]);
}

function readBaseline(file) {
    let parsed;
    try {
        parsed = YAML.parse(fs.readFileSync(file, 'utf8')) ?? {};
    } catch (e) {
        fail(`cannot read the expected failures ${file}: ${e.message}`);
    }
    const listed = parsed.client ?? [];
    if (!Array.isArray(listed)) fail(`${file}: \`client\` must be a list of scenario names`);
    return new Set(listed.map(String));
}

/** Every checks.json under dir (the suite names each scenario's folder after it and the time). */
function checksFile(dir) {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
        if (entry.isFile() && entry.name === 'checks.json') return path.join(entry.parentPath ?? entry.path, entry.name);
    }
    return null;
}

/** Runs one scenario; resolves to its result. */
function runScenario(scenario, resultsRoot) {
    const dir = path.join(resultsRoot, scenario.replaceAll('/', '-'));
    fs.mkdirSync(dir, { recursive: true });
    const started = Date.now();
    return new Promise((resolve) => {
        const child = spawn(process.execPath, [suite, 'client', '--command', client, '--scenario', scenario,
            '--timeout', options.values.timeout, '-o', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
        let log = '';
        child.stdout.on('data', (d) => (log += d));
        child.stderr.on('data', (d) => (log += d));
        child.on('close', (code) => {
            const seconds = (Date.now() - started) / 1000;
            const file = checksFile(dir);
            const checks = file ? JSON.parse(fs.readFileSync(file, 'utf8')) : [];
            const count = (status) => checks.filter((c) => c.status === status).length;
            const clientErr = file ? fs.readFileSync(path.join(path.dirname(file), 'stderr.txt'), 'utf8') : log;
            resolve({
                scenario, passed: code === 0, seconds, checks,
                success: count('SUCCESS'), failure: count('FAILURE'), warning: count('WARNING'),
                timedOut: /CLIENT TIMED OUT/.test(log), clientErr,
            });
        });
    });
}

async function runAll(scenarios, resultsRoot) {
    const results = new Array(scenarios.length);
    let next = 0;
    async function worker() {
        while (next < scenarios.length) {
            const i = next++;
            results[i] = await runScenario(scenarios[i], resultsRoot);
            const r = results[i];
            console.error(`${r.passed ? 'pass' : 'FAIL'} ${r.scenario} (${r.seconds.toFixed(1)} s)`);
        }
    }
    await Promise.all(Array.from({ length: Math.min(jobs, scenarios.length) }, worker));
    return results;
}

function verdict(r) {
    if (r.passed) return 'pass';
    return r.timedOut ? 'fail (client timed out)' : 'fail';
}

function printTable(results, markdown) {
    const rows = results.map((r) => [r.scenario, verdict(r), String(r.success), String(r.failure), String(r.warning)]);
    const head = ['scenario', 'result', 'checks passed', 'failed', 'warnings'];
    if (markdown) {
        console.log(`| ${head.join(' | ')} |`);
        console.log(`|${head.map((h, i) => (i < 2 ? '---' : '---:')).join('|')}|`);
        for (const row of rows) console.log(`| \`${row[0]}\` | ${row.slice(1).join(' | ')} |`);
        return;
    }
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
    const line = (row) => row.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
    console.log(line(head));
    for (const row of rows) console.log(line(row));
}

async function main() {
    const known = listScenarios();
    const named = options.positionals;
    for (const name of named) {
        if (!known.includes(name)) fail(`the suite has no client scenario \`${name}\`; it has: ${known.join(', ')}`);
    }
    const scenarios = named.length > 0 ? named : known;
    const baseline = readBaseline(options.values['expected-failures']);
    const resultsRoot = options.values.results
        ? path.resolve(options.values.results)
        : fs.mkdtempSync(path.join(os.tmpdir(), 'lumen-conformance-results-'));

    const started = Date.now();
    let results;
    try {
        results = await runAll(scenarios, resultsRoot);
    } finally {
        if (!options.values.results) fs.rmSync(resultsRoot, { recursive: true, force: true });
    }
    const wall = (Date.now() - started) / 1000;

    printTable(results, options.values.markdown);
    const passed = results.filter((r) => r.passed).length;
    console.log(`\n${passed} of ${results.length} client scenarios passed in ${wall.toFixed(1)} s`);

    if (options.values.verbose) {
        for (const r of results.filter((x) => !x.passed)) {
            console.log(`\n== ${r.scenario}`);
            for (const c of r.checks.filter((x) => x.status === 'FAILURE' || x.status === 'WARNING')) {
                console.log(`  ${c.status} ${c.name}: ${c.errorMessage ?? c.description}`);
            }
            console.log(r.clientErr.trimEnd().split('\n').slice(-15).map((l) => `  | ${l}`).join('\n'));
        }
    }

    const regressions = results.filter((r) => !r.passed && !baseline.has(r.scenario)).map((r) => r.scenario);
    const stale = results.filter((r) => r.passed && baseline.has(r.scenario)).map((r) => r.scenario);
    const unknown = [...baseline].filter((s) => !known.includes(s));
    const baselineName = path.relative(process.cwd(), options.values['expected-failures']);
    if (regressions.length > 0) {
        console.log(`\nUnexpected failures (not in ${baselineName}): ${regressions.join(', ')}`);
    }
    if (stale.length > 0) {
        console.log(`\nStale expected failures (these pass now; remove them from ${baselineName}): ${stale.join(', ')}`);
    }
    if (unknown.length > 0) {
        console.log(`\n${baselineName} lists scenarios the suite does not have: ${unknown.join(', ')}`);
    }
    process.exit(regressions.length + stale.length + unknown.length > 0 ? 1 : 0);
}

main().catch((e) => fail(e.stack ?? String(e)));
