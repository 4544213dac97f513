// Adds up the vitest JSON report and the as-pect summary into the closing line
// "N passed, N failed, N skipped"; exits non-zero when anything failed or nothing ran.
import { existsSync, readFileSync } from 'node:fs';

const [vitestJson, aspectText] = process.argv.slice(2);
let passed = 0, failed = 0, skipped = 0;
if (existsSync(vitestJson)) {
  const v = JSON.parse(readFileSync(vitestJson, 'utf8'));
  passed += v.numPassedTests; failed += v.numFailedTests;
  skipped += v.numPendingTests + v.numTodoTests;
  // A suite that failed to load has no test results but must count as a failure.
  for (const suite of v.testResults ?? []) if (suite.status === 'failed' && !suite.assertionResults?.length) failed++;
} else {
  console.error(`test: ${vitestJson} missing: vitest did not finish`);
  failed++;
}
const aspect = existsSync(aspectText) ? readFileSync(aspectText, 'utf8').replace(/\x1b\[[0-9;]*m/g, '') : '';
const m = aspect.match(/\[Tests\]:\s*(\d+)\s*\/\s*(\d+)/);
if (m) { passed += Number(m[1]); failed += Number(m[2]) - Number(m[1]); }
else { console.error('test: no as-pect summary found'); failed++; }
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
