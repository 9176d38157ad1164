// Finds the `lumen` command that the setting `lumen.path` names and starts it as `lumen lsp` over stdio.
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';

export type Resolution =
    | { found: true; executable: string }
    | { found: false; reason: string };

function isExecutableFile(file: string): boolean {
    try {
        if (!statSync(file).isFile()) {
            return false;
        }
        accessSync(file, process.platform === 'win32' ? constants.F_OK : constants.X_OK);
        return true;
    } catch {
        return false;
    }
}

/**
 * The executable that `setting` (the value of `lumen.path`) names: a bare name is looked up on PATH, a path
 * with a directory is taken as it is, relative to the workspace folder when it is not absolute.
 */
export function resolveLumen(setting: string, workspaceFolder: string | undefined,
    env: NodeJS.ProcessEnv = process.env): Resolution {
    const value = setting.trim() === '' ? 'lumen' : setting.trim();
    const expanded = value === '~' || value.startsWith('~/') ? path.join(homedir(), value.slice(1)) : value;
    if (expanded.includes('/') || expanded.includes(path.sep)) {
        if (!path.isAbsolute(expanded) && workspaceFolder === undefined) {
            return { found: false, reason: `\`${value}\` is a relative path and no folder is open to resolve it against` };
        }
        const file = path.resolve(workspaceFolder ?? '', expanded);
        return isExecutableFile(file)
            ? { found: true, executable: file }
            : { found: false, reason: `\`${file}\` is not an executable file` };
    }
    const extensions = process.platform === 'win32'
        ? ['', ...(env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';').map((e) => e.toLowerCase())]
        : [''];
    for (const dir of (env.PATH ?? '').split(path.delimiter).filter((d) => d.length > 0)) {
        for (const extension of extensions) {
            const file = path.join(dir, expanded + extension);
            if (isExecutableFile(file)) {
                return { found: true, executable: file };
            }
        }
    }
    return { found: false, reason: `\`${value}\` was not found on PATH` };
}

/** How the last server process ended, and what it last wrote on standard error. */
export interface ServerExit {
    code: number | null;
    signal: NodeJS.Signals | null;
    stderrTail: string;
}

const STDERR_TAIL_CHARS = 2000;

/** Starts `executable lsp`; resolves once the process runs, rejects when it cannot be started at all. */
export async function startServer(executable: string, cwd: string | undefined,
    onExit: (exit: ServerExit) => void): Promise<ChildProcess> {
    const child = spawn(executable, ['lsp'], { cwd, stdio: 'pipe', shell: process.platform === 'win32' });
    let stderrTail = '';
    child.stderr?.on('data', (chunk: Buffer) => {
        stderrTail = (stderrTail + chunk.toString('utf8')).slice(-STDERR_TAIL_CHARS);
    });
    child.on('exit', (code, signal) => onExit({ code, signal, stderrTail }));
    await new Promise<void>((resolve, reject) => {
        child.once('spawn', resolve);
        child.once('error', reject);
    });
    // Later errors (a broken pipe when the server dies) end the connection, which the client reports.
    child.on('error', () => undefined);
    return child;
}
