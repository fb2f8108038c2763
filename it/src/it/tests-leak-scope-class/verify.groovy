import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/threadguard/test-report.json'))

assert log.contains('Tests run: 2, Failures: 0, Errors: 0, Skipped: 0')
def split = log.indexOf('verify-budget (test-scope)')
assert split > 0
def classScope = log.substring(0, split)
def testScope = log.substring(split)

// leakScope=class: the receiver ended before its class did
assert classScope.contains('threadguard:   threads leaked by tests                           0   limit 0')
assert !classScope.contains('BREACHED')
assert !classScope.contains('"receiver"')

// leakScope=test, same recording: it outlived its test
assert testScope =~ /threadguard:   threads leaked by tests +1   limit 0   BREACHED \(maxLeakedThreads\)/
assert testScope.contains('  com.acme.HandOverTest.startsAReceiver(HandOverTest.java:29): 1 leaked thread started there '
        + 'in 1 test JVM, leaked by com.acme.HandOverTest#startsAReceiver')
assert testScope.contains('BUILD FAILURE')

// the report is the second verify-budget's
assert report.leakedThreads.size() == 1 : report.leakedThreads
def leak = report.leakedThreads[0]
assert leak.name == 'receiver'
assert leak.test == 'com.acme.HandOverTest#startsAReceiver'
assert leak.state == 'TERMINATED'
assert leak.owner.kind == 'thread'
assert leak.owner.site == 'com.acme.HandOverTest.startsAReceiver(HandOverTest.java:29)'
// the library's pool is kept for the JVM's life: its worker timing out 1.2 s after the test is no leak
assert !report.leakedThreads.any { it.owner.kind == 'pool' }
assert report.breaches == [[budget: 'maxLeakedThreads', limit: 0, observed: 1]]
return true
