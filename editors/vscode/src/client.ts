// The language client: starts `<lumen.path> lsp`, restarts it when it crashes (a few times), and shows the
// results of the server's run commands, which vscode-languageclient registers from the server's capabilities.
import * as vscode from 'vscode';
import {
    CloseAction,
    type CloseHandlerResult,
    ErrorAction,
    type ErrorHandler,
    type ErrorHandlerResult,
    LanguageClient,
    type LanguageClientOptions,
    type Message,
    State,
} from 'vscode-languageclient/node';
import { RUN_CELL, SHOW_TRACE } from './protocol';
import type { RunOutput, TraceView } from './results';
import { errorText } from './errors';
import { type ServerExit, startServer } from './server';

const MAX_RESTARTS = 4;
const RESTART_WINDOW_MS = 3 * 60 * 1000;

export interface ClientEvents {
    /** A server process ended (the connection ends with it). */
    onExit(exit: ServerExit): void;
    /** A server restarted after a crash ended before it was initialized. */
    onRestartFailed(): void;
    /** The server crashed too often and is not restarted again. */
    onGaveUp(): void;
}

/**
 * A client that leaves it to the extension to report that the server did not start, stopped or will not be
 * restarted (the library's own notifications for these cases, which it forces, go to the log only): the
 * extension's messages say how the process ended and name the setting to fix.
 */
class LumenLanguageClient extends LanguageClient {
    /** Whether the extension itself is starting the client, and so reports a failure to start. */
    starting = false;

    override error(message: string, data?: unknown, showNotification: boolean | 'force' = true): void {
        super.error(message, data, showNotification === 'force' ? false : showNotification);
    }
}

class RestartingErrorHandler implements ErrorHandler {
    private restarts: number[] = [];
    private client: LumenLanguageClient | undefined;
    private running = false;

    constructor(private readonly events: ClientEvents) {
    }

    watch(client: LumenLanguageClient): void {
        this.client = client;
        client.onDidChangeState((change) => {
            this.running = change.newState === State.Running;
        });
    }

    error(_error: Error, _message: Message | undefined, count: number | undefined): ErrorHandlerResult {
        return { action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown };
    }

    closed(): CloseHandlerResult {
        if (!this.running) {
            // It ended during initialization: restarting would only fail again.
            if (this.client?.starting === false) {
                this.events.onRestartFailed();
            }
            return { action: CloseAction.DoNotRestart, handled: true };
        }
        const now = Date.now();
        this.restarts = [...this.restarts.filter((t) => now - t < RESTART_WINDOW_MS), now];
        if (this.restarts.length <= MAX_RESTARTS) {
            return { action: CloseAction.Restart, handled: true };
        }
        this.events.onGaveUp();
        return { action: CloseAction.DoNotRestart, handled: true };
    }
}

async function saveIfDirty(documentUri: unknown): Promise<void> {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === documentUri);
    if (document?.isDirty) {
        await document.save();
    }
}

export function createClient(executable: string, cwd: string | undefined, log: vscode.LogOutputChannel,
    runOutput: RunOutput, traceView: TraceView, events: ClientEvents): LumenLanguageClient {
    const errorHandler = new RestartingErrorHandler(events);
    const options: LanguageClientOptions = {
        documentSelector: [{ language: 'lumen' }],
        outputChannel: log,
        errorHandler,
        // Without a handler the library shows its own message; the extension reports the failure instead.
        initializationFailedHandler: () => false,
        middleware: {
            // The server runs the document as it is on disk: save it first, as a run button does.
            executeCommand: async (command, args, next) => {
                if (command === RUN_CELL) {
                    await saveIfDirty(args[0]);
                }
                let result: unknown;
                try {
                    result = await next(command, args);
                } catch (error) {
                    const what = command === RUN_CELL ? `running cell \`${String(args[1])}\`` : 'showing the trace';
                    void vscode.window.showErrorMessage(`Lumen: ${what} failed: ${errorText(error)}`);
                    return undefined;
                }
                if (command === RUN_CELL) {
                    runOutput.show(result, String(args[0]), String(args[1]));
                } else if (command === SHOW_TRACE) {
                    await traceView.show(result, String(args[0]));
                }
                return result;
            },
        },
    };
    const client = new LumenLanguageClient('lumen', 'Lumen', () => startServer(executable, cwd, events.onExit), options);
    errorHandler.watch(client);
    return client;
}

export type { LumenLanguageClient };
