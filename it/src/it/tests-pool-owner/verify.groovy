import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/threadguard/test-report.json'))
def forkJoinSite = 'com.acme.PoolOwnerTest.forkJoinPoolNeverShutDown(PoolOwnerTest.java:25)'
def executorSite = 'com.acme.PoolOwnerTest.makesAPool(PoolOwnerTest.java:32)'

assert log.contains('Tests run: 4, Failures: 0, Errors: 0, Skipped: 0')
assert report.leakedThreads.size() == 2 : report.leakedThreads

// the ForkJoinPool's worker, started by Jobs.submit: the pool's, made at the test line
def forkJoin = report.leakedThreads.find { it.name ==~ /ForkJoinPool-\d+-worker-\d+/ }
assert forkJoin.owner.kind == 'pool'
assert forkJoin.owner.site == forkJoinSite
assert forkJoin.createdAt == forkJoinSite
assert forkJoin.creationStack[0].startsWith('java.util.concurrent.ForkJoinPool.<init>(')
assert forkJoin.test == 'com.acme.PoolOwnerTest#forkJoinPoolNeverShutDown'
assert forkJoin.attribution == 'owner'
assert forkJoin.daemon == true

// the ThreadPoolExecutor's worker, started by Jobs.execute in a later test: still the pool's, and the pool's test
def executor = report.leakedThreads.find { it.name ==~ /pool-\d+-thread-1/ }
assert executor.owner.kind == 'pool'
assert executor.owner.site == executorSite
assert executor.createdAt == executorSite
assert executor.test == 'com.acme.PoolOwnerTest#makesAPool'
assert executor.attribution == 'owner'
assert executor.state == 'WAITING'

// never the main-code line that started the workers, nor the pool shut down
assert !report.leakedThreads.any { it.owner.site.startsWith('com.acme.Jobs.') }
assert !log.contains('com.acme.Jobs.submit(Jobs.java:15): ')
assert !log.contains('com.acme.Jobs.execute(Jobs.java:19): ')
assert !report.leakedThreads.any { it.test == 'com.acme.PoolOwnerTest#forkJoinPoolShutDown' }
assert report.jvmLifetimeThreads.every { it.reason == 'a thread the whole JVM shares' }
assert report.leakSites*.site as Set == [forkJoinSite, executorSite] as Set
assert report.breaches == [[budget: 'maxLeakedThreads', limit: 0, observed: 2]]
assert log.contains("  ${forkJoinSite}: 1 leaked worker of pools made there in 1 test JVM, leaked by "
        + 'com.acme.PoolOwnerTest#forkJoinPoolNeverShutDown')
assert log.contains("fix: shut the pool made at ${executorSite} down (shutdown(), then awaitTermination) in @AfterEach")
return true
