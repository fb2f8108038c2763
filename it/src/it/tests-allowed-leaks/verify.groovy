import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/threadguard/test-report.json'))
def site = 'com.acme.Retry.withDelay(Retry.java:15)' // delayer() returns the pool: it is shown at its caller

assert log.contains('Tests run: 2, Failures: 0, Errors: 0, Skipped: 0')

// two schedulers made at one site in one JVM: no singleton; the allowance takes the first (in start order) ...
assert report.allowedThreads.size() == 1 : report.allowedThreads
def allowed = report.allowedThreads[0]
assert allowed.owner.site == site
assert allowed.test == 'com.acme.RetryTest#retriesOnce'
assert allowed.reason == 'allowed by allowedLeaks com.acme.Retry.withDelay (at most 1 per JVM)'

// ... and the second is a leak, reported and counted
assert report.leakedThreads.size() == 1 : report.leakedThreads
def leak = report.leakedThreads[0]
assert leak.owner.site == site
assert leak.owner.kind == 'pool'
assert leak.test == 'com.acme.RetryTest#retriesAgain'
assert leak.attribution == 'owner'
assert report.leakSites.size() == 1
assert report.leakSites[0].site == site
assert report.leakSites[0].leaked == 1
assert report.leakSites[0].tests == ['com.acme.RetryTest#retriesAgain']
assert !report.jvmLifetimeThreads.any { it.owner?.site == site }
assert report.breaches == [[budget: 'maxLeakedThreads', limit: 0, observed: 1]]
assert report.notes.contains('1 leaked thread is allowed by allowedLeaks')
assert log.contains("  ${site}: 1 leaked worker of pools made there in 1 test JVM, leaked by com.acme.RetryTest#retriesAgain")
assert log.contains('A leak you accept goes into allowedLeaks')
return true
