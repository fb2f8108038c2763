import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/threadguard/test-report.json'))
// a getter that returns the pool is a factory: the pool is sited where main code called it
def site = 'com.acme.Delays.after(Delays.java:24)'

assert log.contains('Tests run: 4, Failures: 0, Errors: 0, Skipped: 0')
assert report.recordings.size() == 2 // one JVM per test class

// where three tests shared the one scheduler: kept for the JVM's life
def shared = report.jvmLifetimeThreads.find { it.test?.startsWith('com.acme.SharedSchedulerTest#') }
assert shared != null : report.jvmLifetimeThreads
assert shared.test == 'com.acme.SharedSchedulerTest#firstUseMakesTheScheduler'
assert shared.owner.kind == 'pool' && shared.owner.site == site
assert shared.owner.stack.any { it.startsWith('com.acme.Delays.scheduler(Delays.java:18)') }
assert shared.reason == "the only pool made at ${site} in this JVM: a singleton kept for the JVM's life"
assert !report.leakedThreads.any { it.test?.startsWith('com.acme.SharedSchedulerTest') }

// where a reload replaced it: the newest is the singleton, the replaced one still alive is a leak
def kept = report.jvmLifetimeThreads.find { it.test?.startsWith('com.acme.ReloadTest#') }
assert kept != null : report.jvmLifetimeThreads
assert kept.owner.site == site
assert kept.reason.startsWith("the newest of the 2 pools made at ${site} in this JVM")
assert report.leakedThreads.size() == 1 : report.leakedThreads
def leak = report.leakedThreads[0]
assert leak.owner.site == site
assert leak.createdAt == site
assert leak.owner.kind == 'pool'
assert leak.test == 'com.acme.ReloadTest#reloadMakesASecondScheduler'
assert leak.attribution == 'owner'
assert leak.id < kept.id // the older one
assert report.leakSites.size() == 1
assert report.leakSites[0].site == site
assert report.leakSites[0].leaked == 1
assert report.leakSites[0].jvms == 1
assert report.leakSites[0].tests == ['com.acme.ReloadTest#reloadMakesASecondScheduler']
assert report.breaches == [[budget: 'maxLeakedThreads', limit: 0, observed: 1]]
assert log.contains("  ${site}: 1 leaked worker of pools made there in 1 test JVM, leaked by "
        + 'com.acme.ReloadTest#reloadMakesASecondScheduler')
assert log.contains("threadguard: threads kept for the JVM's life, not counted as leaks (2):")
return true
