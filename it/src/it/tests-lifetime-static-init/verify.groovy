import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/threadguard/test-report.json'))

assert log.contains('Tests run: 4, Failures: 0, Errors: 0, Skipped: 0')
def split = log.indexOf('verify-budget (no-lifetime-threads)')
assert split > 0
def byDefault = log.substring(0, split)
def strict = log.substring(split)

// the default verify-budget: the singletons are listed apart, with their reason, and nothing leaked
assert byDefault.contains('threadguard:   threads leaked by tests                           0   limit 0')
assert byDefault.contains("threadguard: threads kept for the JVM's life, not counted as leaks (2):")
assert byDefault.contains("  com.acme.Clock.<clinit>(Clock.java:9): 1 \"acme-clock\" - its timer was made in a static "
        + "initializer, once for the JVM's life")
assert byDefault =~ /  com\.acme\.Events\.<clinit>\(Events\.java:10\): 1 "pool-\d+-thread-1" - its pool was made in a static initializer, once for the JVM's life/
assert !byDefault.contains('BREACHED')
assert !byDefault.contains('threadguard: leaked threads by owner site')

// the second one, with maxJvmLifetimeThreads=0, counts them against that budget
assert strict =~ /threadguard:   threads kept for the JVM's life +2   limit 0   BREACHED \(maxJvmLifetimeThreads\)/
assert strict.contains('maxJvmLifetimeThreads budget breached: 2 > limit 0')
assert strict.contains('BUILD FAILURE')

// the report is the second verify-budget's: the same verdicts, and the breach
assert report.leakedThreads == []
assert report.leakSites == []
assert report.allowedThreads == []
assert report.breaches == [[budget: 'maxJvmLifetimeThreads', limit: 0, observed: 2]]
def lifetime = report.jvmLifetimeThreads.findAll { it.reason != 'a thread the whole JVM shares' }
assert lifetime.size() == 2 : report.jvmLifetimeThreads
def timer = lifetime.find { it.name == 'acme-clock' }
assert timer.owner.kind == 'timer'
assert timer.owner.site == 'com.acme.Clock.<clinit>(Clock.java:9)'
assert timer.createdAt == timer.owner.site
assert timer.daemon == true
assert timer.reason == "its timer was made in a static initializer, once for the JVM's life"
assert timer.test in ['com.acme.ClockTest#runsATaskLater', 'com.acme.EventsTest#usesTheSharedClockToo']
def dispatcher = lifetime.find { it.owner.kind == 'pool' }
assert dispatcher.name ==~ /pool-\d+-thread-1/
assert dispatcher.owner.site == 'com.acme.Events.<clinit>(Events.java:10)'
assert dispatcher.owner.stack.any { it.startsWith('com.acme.Events.<clinit>(') }
assert dispatcher.reason == "its pool was made in a static initializer, once for the JVM's life"
assert dispatcher.state == 'WAITING'
assert dispatcher.idle == true
assert report.notes.any { it.startsWith("2 threads are kept for the JVM's life") }
return true
