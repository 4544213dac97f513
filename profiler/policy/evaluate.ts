// Decides whether an algorithm (or a hybrid of two) is acceptable for every year of a
// product's support window under the frameworks its profile selects.
import type { AlgorithmFacts, Use } from './algorithms.ts';
import { FRAMEWORKS, RULES, type FrameworkId, type Match, type Rule } from './frameworks.ts';

export type PolicyStatus = 'acceptable' | 'deprecated' | 'disallowed';

export interface Policy {
  frameworks: FrameworkId[];
  /** Accept "deprecated" years (NIST: allowed with accepted risk); default false. */
  accept_deprecated?: boolean;
}

/** A part of a candidate: a hybrid's halves, or the image digest that a signature covers. */
export interface Component { facts: AlgorithmFacts; use: Use; role: 'single' | 'classical-half' | 'pq-half' }

export interface PolicyFinding { status: PolicyStatus; year: number; rule: Rule; algorithm: string }

export interface PolicyResult {
  acceptable: boolean;
  /** The first year that fails, and the rule that fails it (earliest first). */
  findings: PolicyFinding[];
}

function matches(m: Match, c: Component): boolean {
  const f = c.facts;
  if (m.uses && !m.uses.includes(c.use)) return false;
  if (m.families && !m.families.includes(f.family)) return false;
  if (m.quantum_vulnerable !== undefined && m.quantum_vulnerable !== f.quantumVulnerable) return false;
  if (m.security_bits_below !== undefined && !(f.securityBits < m.security_bits_below)) return false;
  if (m.security_bits_at_least !== undefined && !(f.securityBits >= m.security_bits_at_least)) return false;
  if (m.key_bits_below !== undefined && !((f.keyBits ?? Infinity) < m.key_bits_below)) return false;
  if (m.standalone !== undefined && m.standalone !== (c.role === 'single')) return false;
  if (m.multi_tree !== undefined && m.multi_tree !== f.multiTree) return false;
  return true;
}

/** The classical half of a hybrid: where the framework judges a hybrid by its quantum-resistant
 *  part (frameworks/<id>.json "hybrids"), no rule binds it; where each part is judged, rules aimed
 *  at quantum-vulnerable algorithms by a deadline still do not bind it (the PQ half carries the
 *  quantum resistance), but every other rule does. */
function applies(rule: Rule, c: Component): boolean {
  if (c.role === 'classical-half') {
    if (FRAMEWORKS[rule.framework]?.hybrids.treatment === 'strongest-quantum-resistant-part') return false;
    if (rule.match.quantum_vulnerable === true && rule.disallowed_from !== 0) return false;
  }
  return matches(rule.match, c) && !(rule.except ?? []).some((e) => matches(e, c));
}

/** Status of one component in one year under the chosen frameworks. */
export function statusIn(year: number, c: Component, frameworks: FrameworkId[]): PolicyFinding[] {
  const out: PolicyFinding[] = [];
  for (const rule of RULES) {
    if (!frameworks.includes(rule.framework) || !applies(rule, c)) continue;
    if (rule.disallowed_from !== undefined && year >= rule.disallowed_from) out.push({ status: 'disallowed', year, rule, algorithm: c.facts.id });
    else if (rule.deprecated_from !== undefined && year >= rule.deprecated_from) out.push({ status: 'deprecated', year, rule, algorithm: c.facts.id });
  }
  return out;
}

/** Support window: years first_ship_year .. first_ship_year + support_years - 1, inclusive. */
export const supportWindow = (firstShipYear: number, supportYears: number): [number, number] =>
  [firstShipYear, firstShipYear + Math.max(1, supportYears) - 1];

/** Checks every component for every year of the window; the earliest failing year per rule is kept. */
export function evaluatePolicy(components: Component[], window: [number, number], policy: Policy): PolicyResult {
  const findings: PolicyFinding[] = [];
  const seen = new Set<string>();
  for (let year = window[0]; year <= window[1]; year++) {
    for (const c of components) {
      for (const f of statusIn(year, c, policy.frameworks)) {
        if (f.status === 'deprecated' && policy.accept_deprecated) continue;
        const key = `${f.rule.id}/${f.algorithm}/${f.status}`;
        if (!seen.has(key)) { seen.add(key); findings.push(f); }
      }
    }
  }
  return { acceptable: findings.length === 0, findings };
}

/** One line a user can act on: "ECDSA P-256 disallowed from 2036 (NIST IR 8547 ...)". */
export function describeFinding(f: PolicyFinding): string {
  return `${f.algorithm} ${f.status} from ${f.year} under ${f.rule.framework}: ${f.rule.source}${f.rule.approximate ? ' (approximate)' : ''}`;
}
