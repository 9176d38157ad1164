// Drives VS Code (code-server) in headless Chromium: opens a Lumen document, checks that the Lumen language
// and its highlighting are active, waits for the language server's diagnostic, optionally clicks a "▶ Run"
// code lens and runs "Lumen: Show Trace", and saves screenshots. Prints one line per check; exits 1 when a
// required one fails.
//   node drive.mjs URL FOLDER DOCUMENT OUT_DIR [--require-diagnostic] [--run-commands]
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { chromium } from 'playwright-core';

const [url, folder, documentName, outDir, ...flags] = process.argv.slice(2);
const requireDiagnostic = flags.includes('--require-diagnostic');
const runCommands = flags.includes('--run-commands');
const failures = [];

function report(ok, what, detail = '') {
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${detail ? `: ${detail}` : ''}`);
    if (!ok) {
        failures.push(what);
    }
}

async function waitForServer() {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
        try {
            if ((await fetch(`${url}/healthz`)).ok) {
                return;
            }
        } catch {
            // not listening yet
        }
        await new Promise((resolve) => setTimeout(resolve, 500));
    }
    throw new Error(`code-server did not answer at ${url} within 60 s`);
}

async function paletteCommand(page, title) {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`>${title}`);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
    await page.keyboard.press('Enter');
}

async function notifications(page) {
    const toasts = await page.locator('.notification-toast .notification-list-item-message').allInnerTexts();
    return toasts.map((t) => t.replace(/\s+/g, ' ').trim());
}

await waitForServer();
const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
});
try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${url}/?folder=${encodeURIComponent(folder)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.explorer-folders-view').waitFor({ timeout: 60_000 });

    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').waitFor();
    await page.keyboard.type(documentName);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: documentName }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => [...document.querySelectorAll('.monaco-editor .view-line')]
        .some((line) => line.textContent.startsWith('@lumen')), undefined, { timeout: 30_000 });

    const mode = await page.locator('[id="status.editor.mode"]').innerText();
    report(mode.trim() === 'Lumen', 'the document is in the Lumen language', mode.trim());

    // Each token is a span (spaces drawn as no-break spaces); once the grammar has run, a keyword, a type,
    // a directive and prose do not all look alike.
    const tokens = () => [...document.querySelectorAll('.monaco-editor .view-line > span > span')];
    await page.waitForFunction(`(${tokens})().some((s) => s.textContent === '@lumen')`, undefined, { timeout: 30_000 })
        .catch(() => undefined);
    const colours = await page.evaluate(() => {
        const spans = [...document.querySelectorAll('.monaco-editor .view-line > span > span')];
        const colour = (test) => {
            const span = spans.find((s) => test(s.textContent.replace(/\u00a0/g, ' ')));
            return span ? getComputedStyle(span).color : null;
        };
        return {
            prose: colour((t) => t.startsWith('This agent')),
            directive: colour((t) => t === '@lumen'),
            keyword: colour((t) => t === 'record'),
            type: colour((t) => t === 'String'),
            string: colour((t) => t.startsWith('"acme')),
        };
    });
    for (const kind of ['directive', 'keyword', 'type', 'string']) {
        report(colours[kind] !== null && colours[kind] !== colours.prose, `${kind} highlighted`,
            `${colours[kind]} (prose ${colours.prose})`);
    }

    const squiggle = page.locator('.monaco-editor .squiggly-error').first();
    let diagnostic = false;
    try {
        await squiggle.waitFor({ state: 'attached', timeout: requireDiagnostic ? 120_000 : 30_000 });
        diagnostic = true;
    } catch {
        // reported below, with what the extension said
    }
    const said = await notifications(page);
    report(diagnostic || !requireDiagnostic, 'a diagnostic is shown in the document',
        diagnostic ? (await page.locator('[id="status.problems"]').innerText()).replace(/\s+/g, ' ')
            : `none; notifications: ${said.join(' / ') || 'none'}`);
    if (diagnostic) {
        await squiggle.hover({ force: true });
        await page.locator('.monaco-hover').first().waitFor({ timeout: 10_000 }).catch(() => undefined);
    }
    await page.screenshot({ path: `${outDir}/vscode.png` });
    console.log(`wrote ${outDir}/vscode.png`);

    if (runCommands) {
        // Bring the `run` cell into view (Go to Line), then click the lens above it.
        const runLine = readFileSync(path.join(folder, documentName), 'utf8').split('\n')
            .findIndex((line) => /^cell run\(/.test(line)) + 1;
        await page.mouse.move(0, 0);
        await page.locator('.monaco-editor .view-line').first().click({ force: true });
        await page.keyboard.press('Control+G');
        await page.locator('.quick-input-widget input').waitFor();
        await page.keyboard.type(String(runLine));
        await page.keyboard.press('Enter');
        const lens = page.locator('.codelens-decoration a:visible', { hasText: 'Run' }).last();
        await lens.waitFor({ timeout: 30_000 });
        await lens.click();
        const output = page.locator('.output-view, .panel .monaco-editor').filter({ hasText: 'exit code' }).first();
        await output.waitFor({ timeout: 60_000 }).then(() => report(true, '"▶ Run" shows the result in the Lumen Run output'),
            () => report(false, '"▶ Run" shows the result in the Lumen Run output'));
        // The output opened without taking the focus: the Lumen document is still the active editor.
        await paletteCommand(page, 'Lumen: Show Trace');
        const tab = page.locator('.tab', { hasText: 'Trace of' }).first();
        await tab.waitFor({ timeout: 60_000 }).then(() => report(true, '"Lumen: Show Trace" opens the trace beside the document'),
            () => report(false, '"Lumen: Show Trace" opens the trace beside the document'));
        // The cursor is on the `run` cell's header (Go to Line above): "Lumen: Run Cell" runs that cell.
        await paletteCommand(page, 'Lumen: Run Cell');
        await page.waitForFunction(() => (document.querySelector('.panel')?.textContent ?? '')
            .replace(/\u00a0/g, ' ').split('▶ run in').length === 3, undefined, { timeout: 60_000 })
            .then(() => report(true, '"Lumen: Run Cell" runs the cell under the cursor'),
                () => report(false, '"Lumen: Run Cell" runs the cell under the cursor'));
        await page.screenshot({ path: `${outDir}/vscode-run.png` });
        console.log(`wrote ${outDir}/vscode-run.png`);
    }
} finally {
    await browser.close();
}
process.exit(failures.length === 0 ? 0 : 1);
