import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/threadguard/test-report.json'))
def site = 'com.acme.Delays.scheduler(Delays.java:18)'

assert log.contains('Tests run: 4, Failures: 0, Errors: 0, Skipped: 0')
assert report.recordings.size() == 2 // one JVM per test class

// where three tests shared the one scheduler: kept for the JVM's life
def lifetime = report.jvmLifetimeThreads.findAll { it.owner?.site == site }
assert lifetime.size() == 1 : report.jvmLifetimeThreads
assert lifetime[0].test.startsWith('com.acme.SharedSchedulerTest#') // whichever used it first
assert lifetime[0].owner.kind == 'pool'
assert lifetime[0].reason == "the only pool made at ${site} in this JVM: a singleton kept for the JVM's life"
assert lifetime[0].name ==~ /pool-\d+-thread-1/

// where the same line made a second scheduler: no singleton, both leak
assert report.leakedThreads.size() == 2 : report.leakedThreads
report.leakedThreads.each { leak ->
    assert leak.owner.site == site
    assert leak.createdAt == site
    assert leak.owner.kind == 'pool'
    assert leak.test == 'com.acme.ReloadTest#reloadMakesASecondScheduler'
    assert leak.attribution == 'owner'
}
assert report.leakSites.size() == 1
assert report.leakSites[0].site == site
assert report.leakSites[0].leaked == 2
assert report.leakSites[0].jvms == 1
assert report.leakSites[0].tests == ['com.acme.ReloadTest#reloadMakesASecondScheduler']
assert report.breaches == [[budget: 'maxLeakedThreads', limit: 0, observed: 2]]
assert log.contains("  ${site}: 2 leaked workers of pools made there in 1 test JVM, leaked by "
        + 'com.acme.ReloadTest#reloadMakesASecondScheduler')
assert log.contains("threadguard: threads kept for the JVM's life, not counted as leaks (1):")
return true
