import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/threadguard/test-report.json'))
// the one line every recycler's expirer thread starts at
def start = 'com.acme.Expirer.startIfNotStarted(Expirer.java:18)'

assert log.contains('Tests run: 3, Failures: 0, Errors: 0, Skipped: 0')
assert report.recordings.size() == 1

// the default recycler's thread: a static field holds it, two fields deep (DEFAULT_RECYCLER.expirer.thread)
assert report.jvmLifetimeThreads.size() == 1 : report.jvmLifetimeThreads
def kept = report.jvmLifetimeThreads[0]
assert kept.name == 'default-expirer'
assert kept.createdAt == start
assert kept.reason == "held by static field com.acme.Acceptor.DEFAULT_RECYCLER: a thread of a singleton kept for the JVM's life"

// the recycler a test made and never stopped: its thread, started at the same line, is that test's leak
assert report.leakedThreads.size() == 1 : report.leakedThreads
def leak = report.leakedThreads[0]
assert leak.name == 'own-expirer'
assert leak.createdAt == start
assert leak.test == 'com.acme.AcceptorTest#receivesIntoItsOwnRecycler'
assert report.leakSites.size() == 1
assert report.leakSites[0].site == start
assert report.leakSites[0].leaked == 1
assert report.leakSites[0].tests == ['com.acme.AcceptorTest#receivesIntoItsOwnRecycler']
assert report.breaches == [[budget: 'maxLeakedThreads', limit: 0, observed: 1]]
assert !log.contains('stopped-expirer')
assert log.contains("threadguard: threads kept for the JVM's life, not counted as leaks (1):")
return true
