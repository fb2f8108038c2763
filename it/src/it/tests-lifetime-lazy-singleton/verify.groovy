import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/threadguard/test-report.json'))
// a getter that returns the pool is shown at its caller, and judged where it made the pool
def made = 'com.acme.Delays.scheduler(Delays.java:18)'
def firstAsked = 'com.acme.SharedSchedulerTest.asksForTheSchedulerFirst(SharedSchedulerTest.java:18)'
def viaAfter = 'com.acme.Delays.after(Delays.java:24)'

assert log.contains('Tests run: 4, Failures: 0, Errors: 0, Skipped: 0')
assert report.recordings.size() == 2 // one JVM per test class

// where three tests shared the one scheduler, a test asking the getter first: still main code's singleton
assert report.jvmLifetimeThreads.size() == 1 : report.jvmLifetimeThreads
def shared = report.jvmLifetimeThreads[0]
assert shared.owner.site == firstAsked
assert shared.test == 'com.acme.SharedSchedulerTest#asksForTheSchedulerFirst'
assert shared.owner.kind == 'pool'
assert shared.owner.stack.any { it.startsWith(made) }
assert shared.reason == "the only pool made at ${made} in this JVM (first asked for at ${firstAsked}): " +
        "a singleton kept for the JVM's life"
assert !report.leakedThreads.any { it.test?.startsWith('com.acme.SharedSchedulerTest') }

// where a reload made a second one: the getter made two, so neither is a singleton and both leak (a replaced
// singleton cannot be told from a pool per use; allowedLeaks can take the one the library keeps)
assert report.leakedThreads.size() == 2 : report.leakedThreads
report.leakedThreads.each { leak ->
    assert leak.owner.site == viaAfter
    assert leak.createdAt == viaAfter
    assert leak.owner.kind == 'pool'
    assert leak.test == 'com.acme.ReloadTest#reloadMakesASecondScheduler'
    assert leak.attribution == 'owner'
}
assert report.leakSites.size() == 1
assert report.leakSites[0].site == viaAfter
assert report.leakSites[0].leaked == 2
assert report.leakSites[0].jvms == 1
assert report.leakSites[0].tests == ['com.acme.ReloadTest#reloadMakesASecondScheduler']
assert report.breaches == [[budget: 'maxLeakedThreads', limit: 0, observed: 2]]
assert log.contains("  ${viaAfter}: 2 leaked workers of pools made there in 1 test JVM, leaked by "
        + 'com.acme.ReloadTest#reloadMakesASecondScheduler')
assert log.contains("threadguard: threads kept for the JVM's life, not counted as leaks (1):")
return true
