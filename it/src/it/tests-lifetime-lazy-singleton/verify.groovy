import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/threadguard/test-report.json'))
// a getter that returns the pool is shown at its caller, and judged where it made the pool
def made = 'com.acme.Delays.scheduler(Delays.java:18)'
def firstAsked = 'com.acme.SharedSchedulerTest.asksForTheSchedulerFirst(SharedSchedulerTest.java:18)'
def viaAfter = 'com.acme.Delays.after(Delays.java:24)'

assert log.contains('Tests run: 4, Failures: 0, Errors: 0, Skipped: 0')
assert report.recordings.size() == 2 // one JVM per test class

// where three tests shared the one scheduler, a test asking the getter first: the static field holds it, main code's
// singleton
def held = "held by static field com.acme.Delays.scheduler: a singleton kept for the JVM's life"
assert report.jvmLifetimeThreads.size() == 2 : report.jvmLifetimeThreads
def shared = report.jvmLifetimeThreads.find { it.test == 'com.acme.SharedSchedulerTest#asksForTheSchedulerFirst' }
assert shared.owner.site == firstAsked
assert shared.owner.kind == 'pool'
assert shared.owner.stack.any { it.startsWith(made) }
assert shared.reason == held
assert !report.leakedThreads.any { it.test?.startsWith('com.acme.SharedSchedulerTest') }

// where a reload made a second one: the field holds the second, kept for the JVM's life; the first, which the reload
// dropped without shutting it down, is the leak
def kept = report.jvmLifetimeThreads.find { it.test == 'com.acme.ReloadTest#reloadMakesASecondScheduler' }
assert kept.owner.site == viaAfter
assert kept.reason == held
assert report.leakedThreads.size() == 1 : report.leakedThreads
def leak = report.leakedThreads[0]
assert leak.owner.site == viaAfter
assert leak.createdAt == viaAfter
assert leak.owner.kind == 'pool'
assert leak.test == 'com.acme.ReloadTest#reloadMakesASecondScheduler'
assert leak.attribution == 'replaced-singleton'
assert report.leakSites.size() == 1
assert report.leakSites[0].site == viaAfter
assert report.leakSites[0].leaked == 1
assert report.leakSites[0].jvms == 1
assert report.leakSites[0].tests == ['com.acme.ReloadTest#reloadMakesASecondScheduler']
assert report.leakSites[0].fix.startsWith("the test replaced the library's singleton com.acme.Delays.scheduler at " +
        'com.acme.ReloadTest.reloadMakesASecondScheduler(ReloadTest.java:')
assert report.breaches == [[budget: 'maxLeakedThreads', limit: 0, observed: 1]]
assert log.contains("  ${viaAfter}: 1 leaked worker of pools made there in 1 test JVM, leaked by "
        + 'com.acme.ReloadTest#reloadMakesASecondScheduler')
assert log.contains("threadguard: threads kept for the JVM's life, not counted as leaks (2):")
return true
