import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { resolveLumen } from '../../src/server';

const dir = mkdtempSync(path.join(tmpdir(), 'lumen-path-'));
const lumen = path.join(dir, 'bin', 'lumen');
const plain = path.join(dir, 'plain');
mkdirSync(path.dirname(lumen));
writeFileSync(lumen, '#!/bin/sh\n');
chmodSync(lumen, 0o755);
writeFileSync(plain, '');

test('a bare name is looked up on PATH', () => {
    const env = { PATH: ['/nonexistent', path.dirname(lumen)].join(path.delimiter) };
    assert.deepEqual(resolveLumen('lumen', undefined, env), { found: true, executable: lumen });
    assert.deepEqual(resolveLumen('  ', undefined, env), { found: true, executable: lumen });
    assert.deepEqual(resolveLumen('lumen', undefined, { PATH: '/nonexistent' }),
        { found: false, reason: '`lumen` was not found on PATH' });
});

test('a relative path is taken from the workspace folder', () => {
    assert.deepEqual(resolveLumen('bin/lumen', dir, {}), { found: true, executable: lumen });
    assert.equal(resolveLumen('bin/lumen', undefined, {}).found, false);
});

test('a file that is not executable, or a folder, is refused with its path', () => {
    assert.deepEqual(resolveLumen(plain, undefined, {}),
        { found: false, reason: `\`${plain}\` is not an executable file` });
    assert.deepEqual(resolveLumen(dir, undefined, {}), { found: false, reason: `\`${dir}\` is not an executable file` });
});
