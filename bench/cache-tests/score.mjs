// Scores a cache-tests results file the way cache-tests.fyi does (lib/display.mjs,
// determineTestResult): a test whose `kind` is "required" (or unset) passes when its result is
// true and every test it depends_on passed; a dependency that failed makes it a dependency
// failure, not a pass. Browser-only tests are left out, as the CLI runner leaves them out.
// Usage: node score.mjs RESULTS.json [--failures] [--target]   (prints "NAME: P of N required passed")
// --target exits 1 unless the score meets issue 20's target: more required tests passed than the best
// reverse proxy whose results ship with http-cache-tests 0.4.5 (Squid, 122), at most 10 failed.
import fs from 'node:fs'
import tests from 'http-cache-tests/tests/index.mjs'
import surrogate from 'http-cache-tests/tests/surrogate-control.mjs'

const suites = [...tests, surrogate]
const byId = new Map()
for (const suite of suites) for (const t of suite.tests) byId.set(t.id, t)

const [file, ...flags] = process.argv.slice(2)
const results = JSON.parse(fs.readFileSync(file, 'utf8'))

function passed (id, seen = new Set()) {
  const t = byId.get(id)
  const r = results[id]
  if (r === undefined || seen.has(id)) return false
  seen.add(id)
  for (const dep of t.depends_on || []) {
    if (!passed(dep, seen)) return false
  }
  return r === true
}

function required (t) {
  return (t.kind === undefined || t.kind === 'required') && t.browser_only !== true
}

let total = 0
let ok = 0
const failing = []
for (const [id, t] of byId) {
  if (!required(t) || !(id in results)) continue
  total++
  if (passed(id)) ok++
  else failing.push(`${id}: ${JSON.stringify(results[id])}${(t.depends_on || []).some(d => !passed(d)) ? ' (a dependency failed)' : ''} - ${t.name}`)
}
console.log(`${file}: ${ok} of ${total} required passed, ${total - ok} failed`)
if (flags.includes('--failures')) failing.forEach(f => console.log('  ' + f))
if (flags.includes('--target') && !(ok > 122 && total - ok <= 10)) {
  console.log(`${file}: below the target (more than 122 passed, at most 10 failed)`)
  process.exit(1)
}
