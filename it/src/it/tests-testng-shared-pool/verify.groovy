import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/threadguard/test-report.json'))
def site = 'com.acme.SharedPoolTest.waiter(SharedPoolTest.java:65)'
def forgottenSite = 'com.acme.SharedPoolTest.<init>(SharedPoolTest.java:22)'

assert log.contains('Using auto detected provider org.apache.maven.surefire.testng.TestNGProvider')
assert log.contains('Tests run: 3, Failures: 0, Errors: 0, Skipped: 0')
assert report.notes.contains('3 tests seen by the test listeners') // the TestNG listener reported them

def byName = report.leakedThreads.collectEntries { [(it.owner.kind == 'pool' ? 'pool' : it.name): it] }
assert byName.keySet() == ['started-by-task', 'outlives-test', 'pool'] as Set : report.leakedThreads

// started by a task of the second test, on the worker the first test made: the second test's
def byTask = byName['started-by-task']
assert byTask.test == 'com.acme.SharedPoolTest#taskStartsAThread'
assert byTask.attribution == 'submitted-task'
assert byTask.owner.kind == 'thread'
assert byTask.owner.site == site
assert byTask.state == 'WAITING'

// leakScope=test: ended in @AfterClass, long after its test
def outliving = byName['outlives-test']
assert outliving.test == 'com.acme.SharedPoolTest#outlivesItsTest'
assert outliving.attribution == 'test-listener'
assert outliving.state == 'TERMINATED'

// the pools made in @BeforeClass and in a field initializer end in @AfterClass: their workers outlive the tests,
// not the class
assert report.spawnSites.any { it.frame == 'com.acme.SharedPoolTest.makePool(SharedPoolTest.java:26)' && it.ownerKind == 'pool' }
assert report.spawnSites.any { it.frame == 'com.acme.SharedPoolTest.<init>(SharedPoolTest.java:21)' && it.ownerKind == 'pool' }
assert report.leakedThreads.count { it.owner.kind == 'pool' } == 1

// the field's pool never shut down: made with the test instance, so the class's, not the first test's to use it
def forgotten = byName['pool']
assert forgotten.owner.kind == 'pool'
assert forgotten.owner.site == forgottenSite
assert forgotten.test == 'com.acme.SharedPoolTest'
assert forgotten.attribution == 'owner'

def threadFix = "end the thread started at ${site} (interrupt it or signal it to stop, then join it) in @AfterMethod " +
        '(or @AfterClass for one shared by the class), or in a finally block of the test'
def poolFix = "shut the pool made at ${forgottenSite} down (shutdown(), then awaitTermination) in @AfterMethod " +
        '(or @AfterClass for one shared by the class), or in a finally block of the test'
def sites = report.leakSites.collectEntries { [(it.site): it] }
assert sites.keySet() == [site, forgottenSite] as Set
assert sites[site].leaked == 2
assert sites[site].tests as Set == ['com.acme.SharedPoolTest#taskStartsAThread', 'com.acme.SharedPoolTest#outlivesItsTest'] as Set
assert sites[site].fix == threadFix
assert sites[forgottenSite].tests == ['com.acme.SharedPoolTest']
assert sites[forgottenSite].fix == poolFix
assert log.contains("fix: ${threadFix}")
assert log.contains("fix: ${poolFix}")
assert !log.contains('@AfterEach')
assert report.notes.contains('1 leaked threads attributed by the test that submitted the task that started them')
assert report.breaches == [[budget: 'maxLeakedThreads', limit: 0, observed: 3]]
return true
