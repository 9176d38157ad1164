// The contract between this extension and `lumen lsp` for running cells: the commands the server advertises
// through `workspace/executeCommand` (its code lenses carry the same ids and arguments) and their result.

/** Runs one cell of a document: arguments `[documentUri: string, cellName: string]`. */
export const RUN_CELL = 'lumen.runCell';

/** Renders the last run's trace of a document: arguments `[documentUri: string]`. */
export const SHOW_TRACE = 'lumen.showTrace';

/** What both commands return: the command line the server ran, its exit code and its readable output. */
export interface CommandResult {
    command: string;
    exitCode: number;
    output: string;
}

export function isCommandResult(value: unknown): value is CommandResult {
    if (typeof value !== 'object' || value === null) {
        return false;
    }
    const result = value as Record<string, unknown>;
    return typeof result.command === 'string' && typeof result.exitCode === 'number'
        && typeof result.output === 'string';
}
