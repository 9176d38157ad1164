// Drives VS Code (code-server) in headless Chromium: opens a Lumen document, checks that the Lumen language
// and its highlighting are active, waits for the language server's diagnostic and shows its hover; optionally
// fixes the error, clicks a "▶ Run" code lens, runs "Lumen: Show Trace" and "Lumen: Run Cell", and saves
// screenshots. Prints one line per check; exits 1 when a
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

async function goToLine(page, where) {
    await page.mouse.move(0, 0);
    await page.locator('.part.editor .monaco-editor .view-line:visible').first().click({ force: true });
    await page.keyboard.press('Control+G');
    await page.locator('.quick-input-widget input').waitFor();
    await page.keyboard.type(where);
    await page.keyboard.press('Enter');
}

/** Waits for the panel (the output) to show the text, and reports whether it did. */
async function waitForPanel(page, text, what, detail = '') {
    await page.waitForFunction((wanted) => (document.querySelector('.panel')?.textContent ?? '')
        .replace(/\u00a0/g, ' ').includes(wanted), text, { timeout: 60_000 })
        .then(() => report(true, what, detail), async () => report(false, what,
            `the panel shows ${JSON.stringify((await page.locator('.panel').innerText()).slice(-400))}; `
            + `notifications: ${(await notifications(page)).join(' / ') || 'none'}`));
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

    // The error is on the line `where total >= 0`; with the cursor on its `0` (Go to Line takes LINE:COLUMN),
    // the keyboard's Show Hover opens the diagnostic's hover without a mouse pointer covering the squiggle.
    const lines = readFileSync(path.join(folder, documentName), 'utf8').split('\n');
    const errorLine = lines.findIndex((line) => /where total >= 0$/.test(line)) + 1;
    const errorColumn = lines[errorLine - 1].indexOf('>=') + 2;
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
    await goToLine(page, `${errorLine}:${errorColumn}`);
    if (diagnostic) {
        await page.keyboard.press('Control+K');
        await page.keyboard.press('Control+I');
        const hover = page.locator('.monaco-hover:visible', { hasText: 'E0021' }).first();
        await hover.waitFor({ timeout: 10_000 }).then(() => report(true, 'the hover shows the diagnostic\'s code'),
            () => report(!requireDiagnostic, 'the hover shows the diagnostic\'s code'));
    }
    await page.screenshot({ path: `${outDir}/vscode.png` });
    console.log(`wrote ${outDir}/vscode.png`);

    if (runCommands) {
        // Fix the error (`0` → `0.0`): the diagnostic goes, and the document can run.
        await page.keyboard.press('Escape');
        await goToLine(page, String(errorLine));
        await page.keyboard.press('End');
        await page.keyboard.type('.0');
        await page.waitForFunction(() => document.querySelectorAll('.monaco-editor .squiggly-error').length === 0,
            undefined, { timeout: 30_000 })
            .then(() => report(true, 'the diagnostic goes when the error is fixed'),
                () => report(false, 'the diagnostic goes when the error is fixed'));

        // Bring the `run` cell into view, then click the lens above it. The run saves the document first; the
        // model's reply comes from the tool cache copied beside the document.
        const runLine = lines.findIndex((line) => /^cell run\(/.test(line)) + 1;
        // The lenses are drawn again after an edit: a click on one being replaced is lost, so let them settle.
        await page.keyboard.press('Control+S');
        await page.locator('.tab.dirty').waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
        await page.waitForTimeout(3_000);
        await goToLine(page, String(runLine));
        // A lens redrawn while it is clicked loses the click (the panel stays closed): click again, twice at most.
        let clicks = 0;
        let shown = false;
        while (!shown && clicks < 3) {
            const lens = page.locator('.codelens-decoration a:visible', { hasText: 'Run' }).last();
            await lens.waitFor({ timeout: 30_000 });
            await lens.click();
            clicks += 1;
            shown = await page.waitForFunction(() => (document.querySelector('.panel')?.textContent ?? '')
                .replace(/\u00a0/g, ' ').includes('exit code'), undefined, { timeout: 20_000 })
                .then(() => true, () => false);
        }
        await waitForPanel(page, '✔ exit code 0', '"▶ Run" shows the result in the Lumen Run output',
            `${clicks} click(s)`);
        // The output opened without taking the focus: the Lumen document is still the active editor.
        await paletteCommand(page, 'Lumen: Show Trace');
        const trace = page.locator('.editor-group-container', { hasText: 'Trace of' })
            .locator('.view-line', { hasText: 'run_end' }).first();
        await trace.waitFor({ timeout: 60_000 }).then(() => report(true, '"Lumen: Show Trace" shows the run\'s trace beside the document'),
            () => report(false, '"Lumen: Show Trace" shows the run\'s trace beside the document'));
        await page.screenshot({ path: `${outDir}/vscode-run.png` });
        console.log(`wrote ${outDir}/vscode-run.png`);

        // The cursor is on the `run` cell's header (Go to Line above): "Lumen: Run Cell" runs that cell. The
        // output is cleared first, so that what shows is this run's.
        await page.locator('.panel .codicon-clear-all').first().click({ timeout: 10_000 }).catch(() => undefined);
        await page.waitForFunction(() => !(document.querySelector('.panel')?.textContent ?? '').includes('exit code'),
            undefined, { timeout: 10_000 }).catch(() => undefined);
        await paletteCommand(page, 'Lumen: Run Cell');
        await waitForPanel(page, '▶ run in', '"Lumen: Run Cell" runs the cell under the cursor');
    }
} finally {
    await browser.close();
}
process.exit(failures.length === 0 ? 0 : 1);
