// Starts, restarts and stops the language server, and tells the user, naming the setting `lumen.path`, when
// it cannot be found, does not start, or keeps crashing.
import * as vscode from 'vscode';
import { createClient, type LumenLanguageClient } from './client';
import { errorText } from './errors';
import type { RunOutput, TraceView } from './results';
import { resolveLumen, type ServerExit } from './server';

const SHOW_OUTPUT = 'Show Output';
const OPEN_SETTINGS = 'Open Settings';
const RESTART = 'Restart';
// How long a server that failed to start is given to report its exit status.
const EXIT_WAIT_MS = 1000;

export function setting(): string {
    return vscode.workspace.getConfiguration('lumen').get<string>('path', 'lumen');
}

export function workspaceFolder(): string | undefined {
    return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
}

function describe(exit: ServerExit | undefined): string {
    if (exit === undefined) {
        return '';
    }
    const how = exit.signal !== null ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
    const lines = exit.stderrTail.split(/\r?\n/).map((line) => line.trim()).filter((line) => line.length > 0);
    const said = lines.find((line) => /^error\b/i.test(line)) ?? lines.at(-1);
    return `. It ${how}${said ? `, saying: ${said}` : ''}`;
}

export class LanguageServer implements vscode.Disposable {
    private client: LumenLanguageClient | undefined;
    private command = '';
    private lastExit: ServerExit | undefined;
    private exited: (() => void) | undefined;

    constructor(private readonly log: vscode.LogOutputChannel, private readonly runOutput: RunOutput,
        private readonly traceView: TraceView) {
    }

    isRunning(): boolean {
        return this.client?.isRunning() ?? false;
    }

    async start(): Promise<void> {
        const folder = workspaceFolder();
        const resolution = resolveLumen(setting(), folder);
        if (!resolution.found) {
            this.log.error(`lumen.path: ${resolution.reason}`);
            void this.notify(`Lumen: cannot start the language server: ${resolution.reason}. `
                + `Install Lumen, or set "lumen.path" to the lumen command (it is "${setting()}").`, OPEN_SETTINGS);
            return;
        }
        this.command = `${resolution.executable} lsp`;
        this.lastExit = undefined;
        const client = createClient(resolution.executable, folder, this.log, this.runOutput, this.traceView, {
            onExit: (exit) => {
                this.lastExit = exit;
                this.exited?.();
            },
            onRestartFailed: () => void this.notify(`Lumen: the language server (\`${this.command}\`) stopped, `
                + `and did not start again${describe(this.lastExit)}`, RESTART, SHOW_OUTPUT),
            onGaveUp: () => void this.notify(`Lumen: the language server (\`${this.command}\`) stopped 5 times `
                + `in 3 minutes and is not restarted${describe(this.lastExit)}`, RESTART, SHOW_OUTPUT),
        });
        this.client = client;
        this.log.info(`starting ${this.command}`);
        client.starting = true;
        try {
            await client.start();
        } catch (error) {
            await this.exitOrTimeout();
            const why = this.lastExit !== undefined ? describe(this.lastExit) : `: ${errorText(error)}`;
            void this.notify(`Lumen: the language server (\`${this.command}\`, from "lumen.path") did not start${why}`,
                SHOW_OUTPUT, OPEN_SETTINGS);
        } finally {
            client.starting = false;
        }
    }

    async stop(): Promise<void> {
        const client = this.client;
        this.client = undefined;
        if (client !== undefined) {
            try {
                await client.dispose(2000);
            } catch (error) {
                this.log.warn(`stopping the language server: ${errorText(error)}`);
            }
        }
    }

    async restart(): Promise<void> {
        await this.stop();
        await this.start();
    }

    /** Tells the user that the server is not there, when a command needs it. */
    reportNotRunning(): void {
        const what = this.command === '' ? `"lumen.path" (${setting()})` : `\`${this.command}\``;
        void this.notify(`Lumen: the language server is not running (${what}).`, RESTART, SHOW_OUTPUT,
            OPEN_SETTINGS);
    }

    private exitOrTimeout(): Promise<void> {
        if (this.lastExit !== undefined) {
            return Promise.resolve();
        }
        return new Promise((resolve) => {
            const timer = setTimeout(resolve, EXIT_WAIT_MS);
            this.exited = () => {
                clearTimeout(timer);
                resolve();
            };
        });
    }

    private async notify(message: string, ...actions: string[]): Promise<void> {
        const choice = await vscode.window.showErrorMessage(message, ...actions);
        if (choice === SHOW_OUTPUT) {
            this.log.show();
        } else if (choice === OPEN_SETTINGS) {
            await vscode.commands.executeCommand('workbench.action.openSettings', 'lumen.path');
        } else if (choice === RESTART) {
            await this.restart();
        }
    }

    dispose(): void {
        void this.stop();
    }
}
