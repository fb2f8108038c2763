import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/threadguard/run-report.json'))

assert report.mode == 'service'
assert report.verdict == 'fail'
assert report.endedBy == 'exit'
assert report.exitCode == 70
assert report.failures == ['the application died during the integration tests, before threadguard:stop (exit code 70); '
        + 'its last output: ledger service listening on port ' + report.failures[0].find(/port (\d+)/) { it[1] }
        + ' | FATAL: ledger full at entry 25, exiting'] : report.failures
assert report.load == null
assert report.timeline.marks*.name.take(2) == ['main-returned', 'ready'] // readiness: main returned

assert log.contains('booked 24, failed 16') // the tests ran against the service until it died
assert log.contains('[app] FATAL: ledger full at entry 25, exiting')
assert log.contains('threadguard: the service ended after')
assert log.contains('(exited by itself, exit code 70)')
assert log.contains('the application died during the integration tests, before threadguard:stop (exit code 70)')
assert !log.contains('failOnNonZeroExit')
return true
