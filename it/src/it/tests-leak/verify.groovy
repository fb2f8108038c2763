import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/threadguard/test-report.json'))

// the tests themselves pass under the agent; the budget fails the build afterwards
assert log.contains('Tests run: 4, Failures: 0, Errors: 0, Skipped: 0')
assert log.contains('threadguard: argLine set to -javaagent:')
assert report.verdict == 'fail'
assert report.endedBy == 'exit'
assert report.recordings.size() == 1
assert report.recordings[0] ==~ /.*[\/\\]target[\/\\]threadguard[\/\\]tests[\/\\]test-\d+\.tglog/
assert report.mode == 'test'

assert report.leakedThreads.size() == 1 : report.leakedThreads
def leak = report.leakedThreads[0]
assert leak.test == 'com.acme.LeakyTest#leaksAPool'
assert leak.attribution == 'owner' // the pool's: made during leaksAPool, as the listener said
assert leak.name ==~ /pool-\d+-thread-1/
assert leak.daemon == false
assert leak.state == 'WAITING'
assert leak.createdAt == 'com.acme.LeakyTest.leaksAPool(LeakyTest.java:14)' : leak.createdAt
assert leak.owner.kind == 'pool'
assert leak.creationStack.any { it.startsWith('java.util.concurrent.Executors.newFixedThreadPool(') }
assert leak.stack.any { it.startsWith('java.util.concurrent.ThreadPoolExecutor.getTask(') }
assert !report.leakedThreads.any { it.test?.startsWith('com.acme.CleanTest') }
assert report.breaches == [[budget: 'maxLeakedThreads', limit: 0, observed: 1]]
assert report.budgets.maxLeakedThreads == 0
// 1 + 1 + 1 in CleanTest, 1 in LeakyTest; Surefire's and JUnit's own threads are not the tests'
assert report.threadsStarted == 4
assert report.peakThreads >= 1
assert report.threadDumpReason == 'exit'

assert report.leakSites.size() == 1
assert report.leakSites[0].site == 'com.acme.LeakyTest.leaksAPool(LeakyTest.java:14)'
assert report.leakSites[0].tests == ['com.acme.LeakyTest#leaksAPool']
assert report.leakSites[0].jvms == 1
assert log.contains('threadguard:   threads leaked by tests')
assert log.contains('  com.acme.LeakyTest.leaksAPool(LeakyTest.java:14): 1 leaked worker of pools made there in 1 test JVM, leaked by com.acme.LeakyTest#leaksAPool')
assert log.contains('fix: shut the pool made at com.acme.LeakyTest.leaksAPool(LeakyTest.java:14) down (shutdown(), then awaitTermination) in @AfterEach')
assert new File(basedir, 'target/threadguard/report.html').text.contains('Runtime: test suite')
return true
