import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/threadguard/test-report.json'))

assert log.contains('Tests run: 6, Failures: 0, Errors: 0, Skipped: 0')
assert log.contains('BUILD SUCCESS')
assert report.verdict == 'pass'
assert report.failures == []
assert report.leakedThreads == []
assert report.breaches == []
assert report.threadDump.every { !it.name.startsWith('surefire-') }
assert report.budgets.maxThreads == 20
assert report.peakThreads >= 2 && report.peakThreads <= 20
assert report.threadsStarted >= 4
// the framework's threads (Surefire's, JUnit's timeout threads) are not counted as the tests'
assert !report.spawnSites.any { it.frame.startsWith('org.apache.maven.surefire.') || it.frame.startsWith('org.junit.') }
assert report.spawnSites.any { it.frame.startsWith('com.acme.CleanSuiteTest.startSharedPool(') && it.ownerKind == 'pool' }
assert report.jvmLifetimeThreads.every { it.reason == 'a thread the whole JVM shares' } // the common pool, the process reaper
assert log.contains('threadguard:   threads leaked by tests                           0   limit 0')
assert log.contains('threadguard:   peak live platform threads in a test JVM')
return true
