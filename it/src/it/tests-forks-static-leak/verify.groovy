import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/threadguard/test-report.json'))
def site = 'com.acme.support.EmbeddedServer.ensureStarted(EmbeddedServer.java:17)'
def tests = ['com.acme.AlphaTest#talksToTheServer', 'com.acme.BetaTest#talksToTheServer',
             'com.acme.GammaTest#talksToTheServer']

assert log.contains('Tests run: 6, Failures: 0, Errors: 0, Skipped: 0')
assert report.recordings.size() == 3 // reuseForks=false: a JVM per test class

// three threads, one per JVM, each blamed on the test that started it there
assert report.leakedThreads.size() == 3 : report.leakedThreads
assert report.leakedThreads*.test as Set == tests as Set
assert report.leakedThreads.every { it.name == 'embedded-server' && it.owner.kind == 'thread' && it.owner.site == site }
assert report.leakedThreads.every { it.attribution == 'test-listener' }

// one site: made in the test sources, so no singleton even though each JVM made one
assert report.leakSites.size() == 1 : report.leakSites
def leakSite = report.leakSites[0]
assert leakSite.site == site
assert leakSite.kind == 'thread'
assert leakSite.leaked == 3
assert leakSite.jvms == 3
assert leakSite.tests as Set == tests as Set && leakSite.tests.size() == 3
assert leakSite.fix == "end the thread started at ${site} (interrupt it or signal it to stop, then join it) in " +
        '@AfterEach (or @AfterAll for one shared by the class), or in a finally block of the test'
assert !report.jvmLifetimeThreads.any { it.name == 'embedded-server' }
assert report.breaches == [[budget: 'maxLeakedThreads', limit: 0, observed: 3]]

// the console: the site once, with its counts, one example thread; no line per JVM or per thread
def siteLines = log.readLines().findAll { it.contains("  ${site}: ") }
assert siteLines.size() == 1 : siteLines
assert siteLines[0] ==~ /.*  \Q${site}\E: 3 leaked threads started there in 3 test JVMs, leaked by com\.acme\.\w+Test#talksToTheServer, com\.acme\.\w+Test#talksToTheServer, com\.acme\.\w+Test#talksToTheServer/
assert log.readLines().count { it.contains('e.g. "embedded-server"') } == 1
assert log.contains("Leaked: 3 threads started at ${site} (by com.acme.")
return true
