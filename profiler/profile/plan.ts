// The benchmark plan: every (kernel, op, parameter) of the host registry that the agent on
// this board announces, with the reason when one is skipped (input larger than the agent's
// buffer, working set larger than its heap). Built from data only; no kernel is named here.
import type { Hello } from '../protocol/messages.ts';
import { BASELINE, KERNELS, createRng, type Case, type KernelSpec, type OpSpec } from '../kernels/index.ts';

export interface PlanItem {
  spec: KernelSpec;
  op: OpSpec;
  param: number;
  kernelId: number;
  opId: number;
  /** Distinct cases to run (1 unless the op's cost depends on its data). */
  cases: Case[];
  skip?: string;
}

export interface PlanFilter { kernels?: string[] }

/** Whether the name `f` (of `--kernels`) selects kernel k: its id, an id family ("ml-dsa" for
 *  ml-dsa-44/65/87, "aes-128" for every AES-128 mode) or its device kernel ("lms"). */
export const selects = (k: KernelSpec, f: string) => k.id === f || k.id.startsWith(`${f}-`) || k.device === f;

export function makePlan(hello: Hello, filter: PlanFilter = {}, specs: KernelSpec[] = KERNELS): { items: PlanItem[]; unknown: string[] } {
  const items: PlanItem[] = [];
  const wanted = (k: KernelSpec) => !filter.kernels || filter.kernels.some((f) => selects(k, f));
  for (const spec of [BASELINE, ...specs.filter(wanted)]) {
    const kernelId = hello.kernels.findIndex((k) => k.name === spec.device);
    for (const op of spec.ops) {
      const opId = kernelId < 0 ? -1 : hello.kernels[kernelId].ops.indexOf(op.op);
      for (const param of op.params) {
        const n = op.cases ?? 1;
        const cases = Array.from({ length: n }, (_, i) => op.makeCase(param, createRng(`${spec.id}/${op.op}/${param}/${i}`)));
        const item: PlanItem = { spec, op, param, kernelId, opId, cases };
        const biggest = Math.max(...cases.map((c) => c.input.length));
        if (kernelId < 0 || opId < 0) item.skip = `the agent on this board has no ${spec.device}:${op.op} (older firmware?)`;
        else if (spec.requires && hello.info[spec.requires] !== '1') item.skip = `the board has no ${spec.requires.toUpperCase()} (board_info ${spec.requires}=${hello.info[spec.requires] ?? 'absent'})`;
        else if (biggest > hello.inputCapacity) item.skip = `input ${biggest} B > agent input buffer ${hello.inputCapacity} B`;
        else if (op.heapBytes !== undefined && op.heapBytes > hello.heapBytes) {
          item.skip = `needs ${op.heapBytes} B of kernel heap, the agent has ${hello.heapBytes} B on this board (short by ${op.heapBytes - hello.heapBytes} B)`;
        }
        items.push(item);
      }
    }
  }
  const known = new Set([BASELINE, ...specs].map((s) => s.device));
  return { items, unknown: hello.kernels.map((k) => k.name).filter((n) => !known.has(n)) };
}
