// Reads the vocabulary of Lumen — keywords, built-in types, intrinsics, directives — from the language
// specification, so that the grammars never keep a second list that could drift from it.
import { readFileSync } from 'node:fs';

/** The lines of a part of the specification: from the line starting with `from` to the next starting with `to`. */
function section(lines, from, to) {
    const start = lines.findIndex((line) => line.startsWith(from));
    if (start < 0) {
        throw new Error(`the specification has no part starting with "${from}"`);
    }
    const length = lines.slice(start + 1).findIndex((line) => line.startsWith(to));
    return length < 0 ? lines.slice(start) : lines.slice(start, start + 1 + length);
}

/** The backquoted names in the first column of the tables of a part, e.g. `length` or `lower`, `upper`. */
function firstColumnNames(lines, pattern) {
    const names = [];
    for (const line of lines) {
        const cells = line.split(/(?<!\\)\|/);     // a `\|` inside a cell is the cell's text, not a border
        if (line.startsWith('|') && cells.length > 2 && !/^\s*:?-+/.test(cells[1])) {
            for (const [, name] of cells[1].matchAll(/`([^`]+)`/g)) {
                const bare = name.replace(/\(.*$/, '');
                if (pattern.test(bare)) {
                    names.push(bare);
                }
            }
        }
    }
    if (names.length === 0) {
        throw new Error(`no names found in the table of "${lines[0]}"`);
    }
    return [...new Set(names)];
}

/** The words of the first code block of a part (the keyword list of §3.7). */
function codeBlockWords(lines) {
    const open = lines.findIndex((line) => line.startsWith('```'));
    const close = lines.findIndex((line, i) => i > open && line.startsWith('```'));
    if (open < 0 || close < 0) {
        throw new Error(`no code block in "${lines[0]}"`);
    }
    return lines.slice(open + 1, close).join(' ').split(/\s+/).filter((word) => word.length > 0);
}

export function readVocabulary(specPath) {
    const lines = readFileSync(specPath, 'utf8').split(/\r?\n/);
    return {
        keywords: codeBlockWords(section(lines, '3.7. **Keywords.**', '3.8.')),
        primitiveTypes: firstColumnNames(section(lines, '5.1. ', '5.2. '), /^[A-Z]\w*$/),
        builtinRecords: firstColumnNames(section(lines, '5.8. ', '5.9. '), /^[A-Z]\w*$/),
        intrinsics: firstColumnNames(section(lines, '## 11. ', '11.1. '), /^[a-z_][a-z0-9_]*$/),
        directives: firstColumnNames(section(lines, '2.2. ', '2.3. '), /^@[A-Za-z]\w*$/).map((d) => d.slice(1)),
    };
}
