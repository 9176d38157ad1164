// The `lumen run --dap` process behind a "Lumen: Debug Cell" session, without VS Code: its command line from
// a launch configuration, and the line on which GraalVM's DAP server says it listens (docs/spec/run.md §5).

/** A launch configuration of type `lumen` (package.json, contributes.debuggers). */
export interface LumenLaunch {
    program?: string;
    cell?: string;
    args?: Record<string, string | number | boolean>;
    store?: string;
    offline?: boolean;
    stopOnEntry?: boolean;
}

/** What is wrong with a configuration, in words for the user; undefined when it can be launched. */
export function problemOf(config: LumenLaunch): string | undefined {
    if (typeof config.program !== 'string' || config.program.trim() === '') {
        return '"program" names no document: set it to a .lm.md file (e.g. "${file}")';
    }
    if (!config.program.endsWith('.lm.md')) {
        return `"program" is ${config.program}, not a Lumen document (.lm.md)`;
    }
    if (config.cell !== undefined && !/^[\p{L}_][\p{L}\p{Nd}_]*$/u.test(config.cell)) {
        return `"cell" is ${JSON.stringify(config.cell)}, not a cell name`;
    }
    for (const [name, value] of Object.entries(config.args ?? {})) {
        if (!/^[\p{L}_][\p{L}\p{Nd}_]*$/u.test(name) || !['string', 'number', 'boolean'].includes(typeof value)) {
            return `"args" holds ${JSON.stringify(name)}: each argument is a parameter name with a string, number or boolean`;
        }
    }
    return undefined;
}

/**
 * The arguments of `lumen` for the session: the DAP server on 127.0.0.1:`port`, which waits for the editor to
 * attach (so breakpoints are set before the cell starts) and suspends at the first statement only when asked.
 */
export function dapArguments(config: LumenLaunch, port: number): string[] {
    const args = ['run', `--dap=127.0.0.1:${port}`, '--dap.WaitAttached=true',
        `--dap.Suspend=${config.stopOnEntry === true}`];
    if (config.cell !== undefined) {
        args.push('--cell', config.cell);
    }
    for (const [name, value] of Object.entries(config.args ?? {})) {
        args.push('--arg', `${name}=${String(value)}`);
    }
    if (config.store !== undefined) {
        args.push('--store', config.store);
    }
    if (config.offline === true) {
        args.push('--offline');
    }
    args.push(config.program as string);
    return args;
}

const LISTENING = /^\[Graal DAP\] Starting server and listening on \S*?:(\d+)\s*$/;

/** The port in the DAP server's announcement, or undefined for any other line of output. */
export function listeningPort(line: string): number | undefined {
    const match = LISTENING.exec(line.trim());
    return match ? Number(match[1]) : undefined;
}
