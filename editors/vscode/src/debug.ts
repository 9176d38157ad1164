// "Lumen: Debug Cell": launch configurations of type `lumen`, each a `lumen run --dap` process that VS Code
// speaks the Debug Adapter Protocol to over loopback (GraalVM's DAP server, docs/spec/run.md §5).
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import * as vscode from 'vscode';
import { dapArguments, listeningPort, problemOf, type LumenLaunch } from './dap';
import { setting, workspaceFolder } from './lifecycle';
import { resolveLumen } from './server';

export const DEBUG_TYPE = 'lumen';
// The first `lumen` of a checkout builds the launcher before it starts: allow for it.
const START_TIMEOUT_MS = 180_000;

/** A free loopback port: the OS picks one, which is released at once for `lumen` to listen on. */
function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = createServer();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const address = server.address();
            server.close(() => typeof address === 'object' && address !== null
                ? resolve(address.port) : reject(new Error('no port')));
        });
    });
}

/** Starts `lumen run --dap` and resolves once its DAP server listens; rejects with what it said otherwise. */
function startLumen(executable: string, config: LumenLaunch, port: number, cwd: string | undefined,
    log: vscode.LogOutputChannel): Promise<ChildProcess> {
    return new Promise((resolve, reject) => {
        const args = dapArguments(config, port);
        log.info(`debugging: ${executable} ${args.join(' ')}`);
        const child = spawn(executable, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
        let said = '';
        let listening = false;
        const timer = setTimeout(() => {
            child.kill();
            reject(new Error(`\`lumen run --dap\` did not start its debug server within ${START_TIMEOUT_MS / 1000} s`));
        }, START_TIMEOUT_MS);
        const read = (chunk: Buffer) => {
            for (const line of chunk.toString('utf8').split(/\r?\n/)) {
                if (line.trim() === '') {
                    continue;
                }
                log.info(`lumen: ${line}`);
                if (!listening && listeningPort(line) === port) {
                    listening = true;
                    clearTimeout(timer);
                    resolve(child);
                } else if (!listening) {
                    said = line;
                }
            }
        };
        child.stdout?.on('data', read);
        child.stderr?.on('data', read);
        child.once('error', (error) => {
            clearTimeout(timer);
            reject(error);
        });
        child.once('exit', (code, signal) => {
            clearTimeout(timer);
            if (!listening) {
                const how = signal !== null ? `was killed by ${signal}` : `exited with code ${code}`;
                reject(new Error(`\`lumen run --dap\` ${how}${said ? `, saying: ${said}` : ''}`));
            }
        });
    });
}

/** Fills a configuration from the active editor: its document, and the cell under the cursor. */
class Configurations implements vscode.DebugConfigurationProvider {
    provideDebugConfigurations(): vscode.DebugConfiguration[] {
        return [{ type: DEBUG_TYPE, request: 'launch', name: 'Lumen: Debug Cell', program: '${file}' }];
    }

    resolveDebugConfiguration(_folder: vscode.WorkspaceFolder | undefined, config: vscode.DebugConfiguration)
        : vscode.DebugConfiguration | undefined {
        if (config.type === undefined && config.request === undefined) {
            const editor = vscode.window.activeTextEditor;
            if (editor?.document.languageId !== 'lumen') {
                void vscode.window.showErrorMessage('Lumen: open a Lumen document (.lm.md) to debug it.');
                return undefined;
            }
            return { type: DEBUG_TYPE, request: 'launch', name: 'Lumen: Debug Cell', program: editor.document.uri.fsPath };
        }
        const problem = problemOf(config as LumenLaunch);
        if (problem !== undefined) {
            void vscode.window.showErrorMessage(`Lumen: cannot debug "${config.name}": ${problem}.`);
            return undefined;
        }
        return config;
    }
}

/** Starts one `lumen run --dap` per session, and stops it when the session ends. */
class Adapters implements vscode.DebugAdapterDescriptorFactory, vscode.Disposable {
    private readonly processes = new Map<string, ChildProcess>();

    constructor(private readonly log: vscode.LogOutputChannel) {
    }

    async createDebugAdapterDescriptor(session: vscode.DebugSession): Promise<vscode.DebugAdapterDescriptor> {
        const folder = session.workspaceFolder?.uri.fsPath ?? workspaceFolder();
        const resolution = resolveLumen(setting(), folder);
        if (!resolution.found) {
            throw new Error(`cannot start lumen: ${resolution.reason}; set "lumen.path" to the lumen command`);
        }
        const port = await freePort();
        const child = await startLumen(resolution.executable, session.configuration as LumenLaunch, port, folder,
            this.log);
        this.processes.set(session.id, child);
        child.once('exit', () => this.processes.delete(session.id));
        return new vscode.DebugAdapterServer(port, '127.0.0.1');
    }

    ended(session: vscode.DebugSession): void {
        this.processes.get(session.id)?.kill();
    }

    dispose(): void {
        for (const child of this.processes.values()) {
            child.kill();
        }
    }
}

export function registerDebugging(log: vscode.LogOutputChannel): vscode.Disposable[] {
    const adapters = new Adapters(log);
    return [
        adapters,
        vscode.debug.registerDebugConfigurationProvider(DEBUG_TYPE, new Configurations()),
        vscode.debug.registerDebugAdapterDescriptorFactory(DEBUG_TYPE, adapters),
        vscode.debug.onDidTerminateDebugSession((session) => adapters.ended(session)),
    ];
}

/** Starts debugging `cell` of the document at `file`, as the launch configuration "Lumen: Debug Cell" does. */
export function debugCell(file: string, cell: string): Thenable<boolean> {
    return vscode.debug.startDebugging(vscode.workspace.workspaceFolders?.[0],
        { type: DEBUG_TYPE, request: 'launch', name: `Lumen: Debug ${cell}`, program: file, cell });
}
