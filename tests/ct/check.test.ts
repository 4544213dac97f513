// The check of one op, before any trace: an op that cannot run in the board's linear memory is
// not checked there (as capmark profile's plan skips it), with the bytes it lacks. The target is
// a stand-in: nothing is run (the real board runs in tests/integration/ct.test.ts).
import { describe, expect, it } from 'vitest';
import { checkOp, type CheckContext } from '../../profiler/ct/check.ts';
import { secretOps } from '../../profiler/ct/cases.ts';
import type { TraceBoard } from '../../profiler/ct/run.ts';
import { KERNELS } from '../../profiler/kernels/index.ts';
import { boardById, loadBoards } from '../../profiler/boards/index.ts';

describe('an op too big for the board', () => {
  it('is not checked, saying how much heap it lacks', async () => {
    const op = secretOps(KERNELS.filter((k) => k.id === 'rsa-2048-pkcs1-sign'))[0];
    const target = { hello: { heapBytes: 8164 }, ids: () => ({ kernel: 38, op: 1 }), run: () => { throw new Error('must not run'); } } as unknown as TraceBoard;
    const ctx: CheckContext = { board: boardById('netduinoplus2', loadBoards()), target, locate: () => undefined, secrets: 2 };
    const r = await checkOp(ctx, op);
    expect(r.status).toBe('unchecked');
    expect(r.detail).toMatch(/^needs \d+ B of kernel heap, the agent has 8164 B on this board \(short by \d+ B\)$/);
  });
});
