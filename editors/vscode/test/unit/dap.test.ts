import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dapArguments, listeningPort, problemOf } from '../../src/dap';

test('a configuration runs its cell under the DAP server, waiting for the editor', () => {
    assert.deepEqual(dapArguments({ program: '/w/quote.lm.md', cell: 'total', args: { n: 3, who: 'ada' } }, 4711), [
        'run', '--dap=127.0.0.1:4711', '--dap.WaitAttached=true', '--dap.Suspend=false',
        '--cell', 'total', '--arg', 'n=3', '--arg', 'who=ada', '/w/quote.lm.md']);
    assert.deepEqual(dapArguments({ program: 'a.lm.md', stopOnEntry: true, offline: true, store: '/s' }, 9), [
        'run', '--dap=127.0.0.1:9', '--dap.WaitAttached=true', '--dap.Suspend=true',
        '--store', '/s', '--offline', 'a.lm.md']);
});

test('a configuration that cannot be launched says why', () => {
    assert.equal(problemOf({ program: 'a.lm.md', cell: 'run' }), undefined);
    assert.match(problemOf({}) ?? '', /"program" names no document/);
    assert.match(problemOf({ program: 'notes.md' }) ?? '', /not a Lumen document/);
    assert.match(problemOf({ program: 'a.lm.md', cell: 'two words' }) ?? '', /not a cell name/);
    assert.match(problemOf({ program: 'a.lm.md', args: { 'x y': 1 } }) ?? '', /"args" holds "x y"/);
});

test('the DAP server announces its port', () => {
    assert.equal(listeningPort('[Graal DAP] Starting server and listening on /127.0.0.1:40123'), 40123);
    assert.equal(listeningPort('[Graal DAP] Starting server and listening on localhost/127.0.0.1:5\r'), 5);
    assert.equal(listeningPort('lumen: building (sources changed)…'), undefined);
});
