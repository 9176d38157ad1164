// Shows what the server's run commands return: a run's output in an output channel, a trace in a read-only
// document beside the Lumen document.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { type CommandResult, isCommandResult } from './protocol';

export const TRACE_SCHEME = 'lumen-trace';

function documentName(documentUri: string): string {
    return path.posix.basename(vscode.Uri.parse(documentUri).path);
}

function unexpected(what: string, result: unknown): void {
    void vscode.window.showErrorMessage(
        `Lumen: ${what}: the language server answered ${JSON.stringify(result) ?? 'nothing'}, `
        + 'not a {command, exitCode, output} result. Are the extension and `lumen` from the same release?');
}

export class RunOutput implements vscode.Disposable {
    private readonly channel = vscode.window.createOutputChannel('Lumen Run');

    show(result: unknown, documentUri: string, cellName: string): void {
        if (!isCommandResult(result)) {
            unexpected(`running cell \`${cellName}\``, result);
            return;
        }
        this.channel.appendLine(`▶ ${cellName} in ${documentName(documentUri)}: ${result.command}`);
        if (result.output.length > 0) {
            this.channel.append(result.output.endsWith('\n') ? result.output : `${result.output}\n`);
        }
        this.channel.appendLine(result.exitCode === 0 ? '✔ exit code 0' : `✘ exit code ${result.exitCode}`);
        this.channel.appendLine('');
        this.channel.show(true);
    }

    dispose(): void {
        this.channel.dispose();
    }
}

/** The last trace shown for each document, as virtual read-only documents `lumen-trace:…`. */
export class TraceView implements vscode.TextDocumentContentProvider, vscode.Disposable {
    private readonly traces = new Map<string, CommandResult>();
    private readonly changes = new vscode.EventEmitter<vscode.Uri>();
    readonly onDidChange = this.changes.event;

    private static uriFor(documentUri: string): vscode.Uri {
        return vscode.Uri.from({
            scheme: TRACE_SCHEME,
            path: `/Trace of ${documentName(documentUri)}`,
            query: encodeURIComponent(documentUri),
        });
    }

    provideTextDocumentContent(uri: vscode.Uri): string {
        const result = this.traces.get(uri.toString());
        if (result === undefined) {
            return 'No trace is loaded for this document: run "Lumen: Show Trace" again.\n';
        }
        const header = result.exitCode === 0 ? '' : `(${result.command} exited with code ${result.exitCode})\n\n`;
        return header + result.output;
    }

    async show(result: unknown, documentUri: string): Promise<void> {
        if (!isCommandResult(result)) {
            unexpected(`showing the trace of ${documentName(documentUri)}`, result);
            return;
        }
        const uri = TraceView.uriFor(documentUri);
        this.traces.set(uri.toString(), result);
        this.changes.fire(uri);
        let document = await vscode.workspace.openTextDocument(uri);
        if (document.languageId !== 'plaintext') {
            document = await vscode.languages.setTextDocumentLanguage(document, 'plaintext');
        }
        await vscode.window.showTextDocument(document, {
            viewColumn: vscode.ViewColumn.Beside,
            preserveFocus: true,
            preview: true,
        });
    }

    dispose(): void {
        this.changes.dispose();
    }
}
