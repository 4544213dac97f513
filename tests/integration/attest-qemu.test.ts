// One attestation round with firmware on an emulated Cortex-M4 (mps2-an386 in QEMU): the
// device measures its flashed image, derives its DICE keys from the build's UDS, and the
// verifier appraises the evidence against the golden digest in build/fw/<id>.json.
import { describe, it, expect, beforeAll } from 'vitest';
import { join } from 'node:path';
import { boardById, loadBoards } from '../../profiler/boards/index.ts';
import { buildAll, type FirmwareManifest } from '../../profiler/build/index.ts';
import { AgentClient } from '../../profiler/protocol/client.ts';
import { launchVirtualBoard } from '../../profiler/qemu/launch.ts';
import { attestOnce, referenceFromBuild, statusOf, SUBMOD, Verifier, VerifierStore, writeSbom } from '../../profiler/attest/index.ts';
import { tempDir } from '../support/tmp.ts';

const tmp = tempDir('attest-qemu');

const board = boardById('mps2-an386', loadBoards());
let fw: FirmwareManifest;
beforeAll(async () => { fw = (await buildAll([board])).firmware.get(board.id)!; writeSbom(board.id); });

describe('attestation on a virtual board (QEMU mps2-an386)', () => {
  it('affirms the flashed firmware and contraindicates it against another golden digest', async () => {
    const vb = await launchVirtualBoard(board, fw);
    const client = new AgentClient(vb.link);
    try {
      const t = { client, hello: await client.hello() };
      const reference = referenceFromBuild(board.id);
      expect(reference.sbom_sha256).toMatch(/^[0-9a-f]{64}$/);
      const store = new VerifierStore(join(tmp, 'state.json'));
      const v = new Verifier({ store, allowDebug: true });
      const ok = await attestOnce(t, { verifier: v, reference });
      expect(statusOf(ok.result), JSON.stringify(ok.result.submods[SUBMOD]['capmark.reasons'])).toBe('affirming');
      expect(ok.result.submods[SUBMOD]['capmark.claims']).toMatchObject({ measurements: { firmware: `sha-256:${fw.image!.sha256}` }, bootcount: 1 });
      // Second round on the same boot: the UDS is gone, the cached CDIs still answer.
      const wrong = await attestOnce(t, { verifier: v, reference: { ...reference, firmware_sha256: '00'.repeat(32) } });
      expect(statusOf(wrong.result)).toBe('contraindicated');
      expect(wrong.identity.ueid).toEqual(ok.identity.ueid);
    } finally { await client.close().catch(() => {}); await vb.stop(); }
  });
});
