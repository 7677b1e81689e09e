// Harness: a manifest in the shape Vite writes (file, imports, dynamicImports), where the
// reports route imports the charting library dynamically. The login entry must not count the
// reports route or the charts, and the budget check must flag only the entry over its limit.
import assert from 'node:assert/strict';

{{EXAMPLE}}

const manifest = {
  'index.html': { file: 'assets/index-a1.js', isEntry: true, imports: ['_vendor-b2.js'],
                  dynamicImports: ['src/routes/Reports.tsx'] },
  'src/login.tsx': { file: 'assets/login-c3.js', isEntry: true, imports: ['_vendor-b2.js'] },
  '_vendor-b2.js': { file: 'assets/vendor-b2.js', imports: [] },
  'src/routes/Reports.tsx': { file: 'assets/Reports-d4.js', isDynamicEntry: true, imports: ['_vendor-b2.js', '_charts-e5.js'] },
  '_charts-e5.js': { file: 'assets/charts-e5.js' },
};
const kb = 1024;
const sizes = { 'assets/index-a1.js': 120 * kb, 'assets/login-c3.js': 30 * kb, 'assets/vendor-b2.js': 110 * kb,
                'assets/Reports-d4.js': 60 * kb, 'assets/charts-e5.js': 180 * kb };

assert.deepEqual(initialJs(manifest, 'src/login.tsx'), ['assets/login-c3.js', 'assets/vendor-b2.js']);
assert.deepEqual(initialJs(manifest, 'index.html'), ['assets/index-a1.js', 'assets/vendor-b2.js']);
assert.deepEqual(initialJs(manifest, 'src/routes/Reports.tsx'),
                 ['assets/Reports-d4.js', 'assets/vendor-b2.js', 'assets/charts-e5.js']);
const failures = checkBudgets(manifest, sizes, { 'src/login.tsx': 170 * kb, 'index.html': 200 * kb });
assert.deepEqual(failures, ['index.html: 230 KB before interaction, budget 200 KB']);
console.log('bundle-split-and-budget: ok');
