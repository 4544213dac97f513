// The published tables a requirement profile can choose as its crypto policy: one data file per
// framework in boards/policy/<id>.json (schema capmark.policy/1), each rule with its clause.
// A rule says from which year (inclusive) matching uses of an algorithm are deprecated or
// disallowed; "disallowed after 2035" is encoded as from 2036, "always" as from 0.
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DataError, readJson, validate } from '../schema/index.ts';
import { BOARDS } from '../util/paths.ts';
import type { Use } from './algorithms.ts';

export type FrameworkId = string;

/** Which algorithms a rule applies to; every given field must match. */
export interface Match {
  uses?: Use[];
  families?: string[];
  quantum_vulnerable?: boolean;
  security_bits_below?: number;
  security_bits_at_least?: number;
  key_bits_below?: number;
  /** Post-quantum algorithms used alone (not as the PQ half of a hybrid). */
  standalone?: boolean;
  /** Multi-tree hash-based signatures (HSS with more than one level, XMSS^MT). */
  multi_tree?: boolean;
}

export interface Rule {
  framework: FrameworkId;
  id: string;
  match: Match;
  /** Algorithms matching any of these are exempt (e.g. the CNSA 2.0 firmware-signing list). */
  except?: Match[];
  deprecated_from?: number;
  disallowed_from?: number;
  /** Where the rule comes from, to the table or section. */
  source: string;
  /** True where the encoding simplifies or the figure is not verbatim from the source. */
  approximate?: boolean;
}

/** How a framework judges a hybrid key establishment (classical + post-quantum). */
export type HybridTreatment =
  /** The hybrid stands or falls with its quantum-resistant part; the classical half is not judged. */
  | 'strongest-quantum-resistant-part'
  /** Each part is judged by the framework's rules (quantum-deadline rules do not bind the classical half). */
  | 'each-part';

export interface Framework {
  id: FrameworkId;
  title: string;
  reference: string;
  hybrids: { treatment: HybridTreatment; source: string; approximate?: boolean };
  rules: Rule[];
  file: string;
}

const matchSchema = {
  type: 'object', additionalProperties: false,
  properties: {
    uses: { type: 'array', items: { enum: ['firmware-signing', 'authentication', 'key-establishment', 'encryption', 'hashing'] } },
    families: { type: 'array', items: { type: 'string' } },
    quantum_vulnerable: { type: 'boolean' },
    security_bits_below: { type: 'integer', minimum: 0 },
    security_bits_at_least: { type: 'integer', minimum: 0 },
    key_bits_below: { type: 'integer', minimum: 0 },
    standalone: { type: 'boolean' },
    multi_tree: { type: 'boolean' },
  },
};
const year = { type: 'integer', minimum: 0, maximum: 2100 };

export const frameworkSchema = {
  $id: 'capmark.policy/1',
  type: 'object', additionalProperties: false,
  required: ['schema', 'id', 'title', 'reference', 'hybrids', 'rules'],
  properties: {
    schema: { const: 'capmark.policy/1' },
    id: { type: 'string', pattern: '^[a-z0-9][a-z0-9.-]*$' },
    title: { type: 'string', minLength: 3 },
    reference: { type: 'string', minLength: 3 },
    hybrids: {
      type: 'object', additionalProperties: false, required: ['treatment', 'source'],
      properties: {
        treatment: { enum: ['strongest-quantum-resistant-part', 'each-part'] },
        source: { type: 'string', minLength: 3 }, approximate: { type: 'boolean' },
      },
    },
    rules: {
      type: 'array', minItems: 1,
      items: {
        type: 'object', additionalProperties: false, required: ['id', 'match', 'source'],
        anyOf: [{ required: ['deprecated_from'] }, { required: ['disallowed_from'] }],
        properties: {
          id: { type: 'string', minLength: 1 }, match: matchSchema, except: { type: 'array', items: matchSchema },
          deprecated_from: year, disallowed_from: year,
          source: { type: 'string', minLength: 3, description: 'the clause: section, table or page of the document' },
          approximate: { type: 'boolean' },
        },
      },
    },
  },
} as const;

type FrameworkFile = Omit<Framework, 'file' | 'rules'> & { rules: Omit<Rule, 'framework'>[] };

/** Every boards/policy/*.json framework, validated; ids must match file names. */
export function loadFrameworks(dir = join(BOARDS, 'policy')): Record<FrameworkId, Framework> {
  const out: Record<FrameworkId, Framework> = {};
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.json')).sort()) {
    const file = join(dir, f);
    const data = validate<FrameworkFile>(frameworkSchema, readJson(file), file);
    if (data.id !== basename(f, '.json')) throw new DataError('DATA_INVALID', file, 'id', `must equal the file name "${basename(f, '.json')}"`);
    out[data.id] = { ...data, file, rules: data.rules.map((r) => ({ ...r, framework: data.id })) };
  }
  return out;
}

export const FRAMEWORKS = loadFrameworks();
export const RULES: Rule[] = Object.values(FRAMEWORKS).flatMap((f) => f.rules);
