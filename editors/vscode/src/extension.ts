// The Lumen extension: grammars and language configuration come from package.json; this starts the
// language server, wires the run commands to their views and debug sessions to `lumen run --dap`.
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { registerDebugging } from './debug';
import { LanguageServer } from './lifecycle';
import { RunOutput, TRACE_SCHEME, TraceView } from './results';

let server: LanguageServer | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
    const log = vscode.window.createOutputChannel('Lumen', { log: true });
    const runOutput = new RunOutput();
    const traceView = new TraceView();
    server = new LanguageServer(log, runOutput, traceView);
    context.subscriptions.push(
        log,
        runOutput,
        traceView,
        server,
        vscode.workspace.registerTextDocumentContentProvider(TRACE_SCHEME, traceView),
        ...registerCommands(server),
        ...registerDebugging(log),
        vscode.workspace.onDidChangeConfiguration((event) => {
            if (event.affectsConfiguration('lumen.path')) {
                void server?.restart();
            }
        }),
    );
    await server.start();
}

export async function deactivate(): Promise<void> {
    await server?.stop();
    server = undefined;
}
