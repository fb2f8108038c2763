import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/threadguard/test-report.json'))
def site = 'com.acme.SharedPoolTest.waiter(SharedPoolTest.java:61)'

assert log.contains('Tests run: 3, Failures: 0, Errors: 0, Skipped: 0')
assert report.notes.contains('3 tests seen by the test listeners') // JUnit 4's instrumented runner reported them
// JUnit 4.13's ParentRunner is a Java 5 class file: its class-end hook must go in without stack map frames
assert !log.contains('could not instrument') : log.readLines().findAll { it.contains('could not instrument') }

def byName = report.leakedThreads.collectEntries { [(it.name): it] }
assert byName.keySet() == ['started-by-task', 'outlives-test'] as Set : report.leakedThreads

// started by a task of the second test, on the worker the first test made: the second test's
def byTask = byName['started-by-task']
assert byTask.test == 'com.acme.SharedPoolTest#b_taskStartsAThread'
assert byTask.attribution == 'submitted-task'
assert byTask.owner.kind == 'thread'
assert byTask.owner.site == site
assert byTask.state == 'WAITING'

// leakScope=test: ended in @AfterClass, long after its test
def outliving = byName['outlives-test']
assert outliving.test == 'com.acme.SharedPoolTest#c_outlivesItsTest'
assert outliving.attribution == 'test-listener'
assert outliving.state == 'TERMINATED'

// the pool made in @BeforeClass ends in @AfterClass: its worker outlives the tests, not the class
assert !report.leakedThreads.any { it.owner.kind == 'pool' }
assert report.spawnSites.any { it.frame == 'com.acme.SharedPoolTest.makePool(SharedPoolTest.java:26)' && it.ownerKind == 'pool' }

assert report.leakSites.size() == 1
assert report.leakSites[0].site == site
assert report.leakSites[0].leaked == 2
assert report.leakSites[0].tests == ['com.acme.SharedPoolTest#b_taskStartsAThread', 'com.acme.SharedPoolTest#c_outlivesItsTest'] ||
        report.leakSites[0].tests == ['com.acme.SharedPoolTest#c_outlivesItsTest', 'com.acme.SharedPoolTest#b_taskStartsAThread']
def fix = "end the thread started at ${site} (interrupt it or signal it to stop, then join it) in @After " +
        '(or @AfterClass for one shared by the class), or in a finally block of the test'
assert report.leakSites[0].fix == fix
assert log.contains("fix: ${fix}")
assert !log.contains('@AfterEach')
assert log.contains('Using auto detected provider org.apache.maven.surefire.junit4.JUnit4Provider') // not the Vintage engine
assert report.notes.contains('1 leaked threads attributed by the test that submitted the task that started them')
assert report.breaches == [[budget: 'maxLeakedThreads', limit: 0, observed: 2]]
return true
