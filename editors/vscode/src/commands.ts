// The palette commands "Lumen: Run Cell" and "Lumen: Show Trace", which call the server's commands (the same
// ones its code lenses carry, so a run from the palette and one from a lens look alike), and "Lumen: Debug
// Cell", which starts a debug session on the cell.
import * as vscode from 'vscode';
import { cellAt, findCells, type Cell } from './cells';
import { debugCell } from './debug';
import { errorText } from './errors';
import type { LanguageServer } from './lifecycle';
import { RUN_CELL, SHOW_TRACE } from './protocol';

function activeLumenEditor(): vscode.TextEditor | undefined {
    const editor = vscode.window.activeTextEditor;
    if (editor?.document.languageId !== 'lumen') {
        void vscode.window.showErrorMessage('Lumen: open a Lumen document (.lm.md) first.');
        return undefined;
    }
    return editor;
}

async function pickCell(editor: vscode.TextEditor): Promise<Cell | undefined> {
    const cells = findCells(editor.document.getText());
    if (cells.length === 0) {
        void vscode.window.showErrorMessage('Lumen: this document has no cell (a line `cell NAME(` in a lumen block).');
        return undefined;
    }
    const underCursor = cellAt(cells, editor.selection.active.line);
    if (underCursor !== undefined) {
        return underCursor;
    }
    const picked = await vscode.window.showQuickPick(
        cells.map((cell) => ({ label: cell.name, description: `line ${cell.line + 1}`, cell })),
        { placeHolder: 'The cell to run' });
    return picked?.cell;
}

async function runServerCommand(server: LanguageServer, command: string, ...args: string[]): Promise<void> {
    if (!server.isRunning()) {
        server.reportNotRunning();
        return;
    }
    const offered = await vscode.commands.getCommands(true);
    if (!offered.includes(command)) {
        void vscode.window.showErrorMessage(`Lumen: the language server does not offer \`${command}\`; `
            + 'use a lumen release with `lumen lsp` that runs cells.');
        return;
    }
    try {
        await vscode.commands.executeCommand(command, ...args);
    } catch (error) {
        void vscode.window.showErrorMessage(`Lumen: ${command} failed: ${errorText(error)}`);
    }
}

export function registerCommands(server: LanguageServer): vscode.Disposable[] {
    return [
        vscode.commands.registerCommand('lumen.palette.runCell', async () => {
            const editor = activeLumenEditor();
            const cell = editor && await pickCell(editor);
            if (editor && cell) {
                await runServerCommand(server, RUN_CELL, editor.document.uri.toString(), cell.name);
            }
        }),
        vscode.commands.registerCommand('lumen.palette.debugCell', async () => {
            const editor = activeLumenEditor();
            const cell = editor && await pickCell(editor);
            if (editor && cell) {
                if (editor.document.isDirty) {
                    await editor.document.save();
                }
                await debugCell(editor.document.uri.fsPath, cell.name);
            }
        }),
        vscode.commands.registerCommand('lumen.palette.showTrace', async () => {
            const editor = activeLumenEditor();
            if (editor) {
                await runServerCommand(server, SHOW_TRACE, editor.document.uri.toString());
            }
        }),
        vscode.commands.registerCommand('lumen.restartServer', () => server.restart()),
    ];
}
