import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/threadguard/test-report.json'))
def lineOf = { String path, String marker ->
    def lines = new File(basedir, path).readLines()
    (lines.findIndexOf { it.contains(marker) } + 1)
}
// plain Strings: a list's contains() does not take a GString for an equal String
def site = "com.acme.Expirer.<init>(Expirer.java:${lineOf('src/main/java/com/acme/Expirer.java', '// EXPIRER_LINE')})" as String
def first = "com.acme.ExpirerTest.makesTheFirst(ExpirerTest.java:${lineOf('src/test/java/com/acme/ExpirerTest.java', '// FIRST_LINE')})" as String
def replacing = "com.acme.ExpirerTest.replacesIt(ExpirerTest.java:${lineOf('src/test/java/com/acme/ExpirerTest.java', '// REPLACE_LINE')})" as String

assert log.contains('Tests run: 3, Failures: 0, Errors: 0, Skipped: 0')
assert report.recordings.size() == 1

// the expirer the field holds: the library's singleton from the replacement on, with its own stack
assert report.jvmLifetimeThreads.size() == 1 : report.jvmLifetimeThreads
def kept = report.jvmLifetimeThreads[0]
assert kept.owner.kind == 'pool'
assert kept.owner.site == site
assert kept.reason == "held by static field com.acme.Expirer.EXPIRER: a singleton kept for the JVM's life"
assert kept.test == 'com.acme.ExpirerTest#replacesIt'
assert kept.owner.stack.contains(replacing)
assert !kept.owner.stack.any { it.startsWith('com.acme.ExpirerTest.makesTheFirst(') }
assert kept.creationStack == kept.owner.stack

// the old one, orphaned: one leak at its owner line, blamed on the test that replaced it
assert report.leakedThreads.size() == 1 : report.leakedThreads
def orphan = report.leakedThreads[0]
assert orphan.owner.kind == 'pool'
assert orphan.owner.site == site
assert orphan.createdAt == site
assert orphan.test == 'com.acme.ExpirerTest#replacesIt'
assert orphan.attribution == 'replaced-singleton'
assert orphan.owner.stack.contains(first)
assert !orphan.owner.stack.any { it.startsWith('com.acme.ExpirerTest.replacesIt(') }
assert orphan.creationStack == orphan.owner.stack

def fix = "the test replaced the library's singleton com.acme.Expirer.EXPIRER at ${replacing} without shutting the " +
        "old one down: shut it down (shutdown(), then awaitTermination) before replacing it (the old pool was made at " +
        "${site})"
assert report.leakSites.size() == 1
assert report.leakSites[0].site == site
assert report.leakSites[0].leaked == 1
assert report.leakSites[0].jvms == 1
assert report.leakSites[0].tests == ['com.acme.ExpirerTest#replacesIt']
assert report.leakSites[0].fix == fix
assert report.breaches == [[budget: 'maxLeakedThreads', limit: 0, observed: 1]]
assert log.contains("  ${site}: 1 leaked worker of pools made there in 1 test JVM, leaked by com.acme.ExpirerTest#replacesIt")
assert log.contains("fix: ${fix}")
return true
