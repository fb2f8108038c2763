import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/threadguard/run-report.json'))

assert report.mode == 'service'
assert report.verdict == 'fail'
assert report.endedBy == 'killed'
assert report.timedOut == false
assert report.load.requests == 100 && report.load.ok == 100
assert report.threadDumpReason == 'stop-timeout'
def expected = 'the application did not stop within threadguard.stopTimeout (10 s) after SIGTERM and was killed; ' +
        'its shutdown hook did not return: "ledger-flush" (WAITING in java.lang.Thread.join) at ' +
        'com.acme.LedgerWriterService.awaitWriter(LedgerWriterService.java:56), which waits for "ledger-writer" ' +
        '(WAITING in java.util.concurrent.LinkedBlockingQueue.take) at ' +
        'com.acme.LedgerWriterService.write(LedgerWriterService.java:46)'
assert report.failures == [expected] : report.failures
// the dump is in the report: every thread, the JVM's included
def names = report.threadDump*.name
assert names.containsAll(['ledger-flush', 'ledger-writer'])

assert log.contains('[app] shutting down: waiting for the ledger writer to finish')
assert log.contains('(killed by the plugin)')
assert log.contains(expected)
return true
