/**
 * Prints the plain closing line CI reads — `N passed, N failed, N skipped` — alone on a line after jest's own
 * summary. Counts tests (not suites); a suite that fails to load counts as one failed test.
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const loadFailures = results.testResults.filter((r) => r.testExecError || (r.failureMessage && r.numFailingTests === 0 && r.numPassingTests === 0)).length;
    const passed = results.numPassedTests;
    const failed = results.numFailedTests + loadFailures;
    const skipped = results.numPendingTests + results.numTodoTests;
    process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
module.exports = SummaryReporter;
