// Prints `N passed, N failed[, N skipped]` from vitest's JSON report (jest's shape), as the
// last line of CI's output. Exits 1 when the report is missing or a test failed.
import {readFileSync} from 'node:fs'

let report
try {
  report = JSON.parse(readFileSync(process.argv[2], 'utf8'))
} catch (error) {
  console.log(`no test report (${error.message})`)
  console.log('0 passed, 1 failed')
  process.exit(1)
}
const passed = report.numPassedTests ?? 0
const failed = (report.numFailedTests ?? 0) + (report.numRuntimeErrorTestSuites ?? 0)
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0)
if (report.numTotalTests === 0) console.log('no test ran')
console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`)
process.exit(failed > 0 || passed === 0 ? 1 : 0)
