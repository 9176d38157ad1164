// Finds the cells of a Lumen document without the language server: a cell is a line `cell NAME(` inside a
// fenced `lumen` block (docs/spec/lumen-v1.md §1.2, §4.2). Used to pick the cell that "Lumen: Run Cell" runs.

export interface Cell {
    name: string;
    /** 0-based line of the `cell` header. */
    line: number;
    /** 0-based last line of the cell: its `end`, or the line before the next declaration or the block's end. */
    lastLine: number;
}

// Block quote and list markers in front of a fence or a code line.
const CONTAINER = String.raw`(?:[ \t]*(?:>|[-*+]|\d{1,9}[.)])(?=[ \t]|$))*[ \t]*`;
const FENCE_MARK = '(`{3,}|~{3,})';
const FENCE = new RegExp(`^(${CONTAINER})${FENCE_MARK}[ \\t]*([^ \\t]*)(.*)$`, 'u');
const IDENT = String.raw`[\p{L}_][\p{L}\p{Nd}_]*`;
const CELL = new RegExp(String.raw`^([ \t]*)cell[ \t]+(${IDENT})[ \t]*\(`, 'u');
const DECLARATION = /^([ \t]*)(?:record|enum|cell|use|grant)(?![\p{L}\p{Nd}_])/u;
const END = /^([ \t]*)end(?![\p{L}\p{Nd}_])/u;

/** The code line without the block-quote markers that the fence line had in front of it. */
function codeOf(line: string, quoteDepth: number): string {
    let rest = line;
    for (let i = 0; i < quoteDepth; i++) {
        rest = rest.replace(/^[ \t]*>[ \t]?/, '');
    }
    return rest;
}

function isClosingFence(code: string, fence: string): boolean {
    const trimmed = code.trim();
    return trimmed.length >= fence.length && trimmed[0] === fence[0] && /^(`+|~+)$/.test(trimmed);
}

export function findCells(text: string): Cell[] {
    const lines = text.split(/\r\n|\r|\n/);
    const cells: Cell[] = [];
    let open: { fence: string; quoteDepth: number; lumen: boolean } | undefined;
    let current: (Cell & { indent: number }) | undefined;
    const close = (lastLine: number) => {
        if (current) {
            cells.push({ name: current.name, line: current.line, lastLine: Math.max(current.line, lastLine) });
            current = undefined;
        }
    };
    lines.forEach((line, index) => {
        if (open === undefined) {
            const fence = FENCE.exec(line);
            if (fence && !(fence[2][0] === '`' && fence[4].includes('`'))) {
                const quoteDepth = (fence[1].match(/>/g) ?? []).length;
                open = { fence: fence[2], quoteDepth, lumen: fence[3] === 'lumen' };
            }
            return;
        }
        const code = codeOf(line, open.quoteDepth);
        if (isClosingFence(code, open.fence)) {
            close(index - 1);
            open = undefined;
            return;
        }
        if (!open.lumen) {
            return;
        }
        const end = END.exec(code);
        if (current && end && end[1].length <= current.indent) {
            close(index);
            return;
        }
        const declaration = DECLARATION.exec(code);
        if (declaration) {
            close(index - 1);
        }
        const cell = CELL.exec(code);
        if (cell) {
            current = { name: cell[2], line: index, lastLine: index, indent: cell[1].length };
        }
    });
    close(lines.length - 1);
    return cells;
}

/** The cell whose lines hold the given 0-based line, if any. */
export function cellAt(cells: readonly Cell[], line: number): Cell | undefined {
    return cells.find((cell) => cell.line <= line && line <= cell.lastLine);
}
