import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/threadguard/run-report.json'))

assert report.verdict == 'fail'
assert report.endedBy == 'leak'
assert report.exitCode == 86
assert report.durationMillis < 30_000 : 'the agent must end the JVM after the grace period'
assert report.leakedThreads.size() == 2 : report.leakedThreads
report.leakedThreads.each { t ->
    assert t.name ==~ /pool-1-thread-[12]/
    assert t.daemon == false
    // a pool's workers belong to the pool: they are reported where it was made, not where work was submitted
    assert t.createdAt == 'com.acme.LeakyPool.main(LeakyPool.java:8)' : t
    assert t.owner.kind == 'pool' && t.owner.site == 'com.acme.LeakyPool.main(LeakyPool.java:8)' : t
    assert t.stack.any { it.startsWith('java.util.concurrent.ThreadPoolExecutor.getTask(') }
}
assert report.breaches == [[budget: 'maxLeakedThreads', limit: 0, observed: 2]]
assert report.threadDumpReason == 'leak'
assert report.leakSites.size() == 1 && report.leakSites[0].leaked == 2 : report.leakSites
assert report.mode == 'main'

assert log.contains('[app] main returns without pool.shutdown()')
assert log.contains('threadguard: leaked threads by owner site:')
assert log.contains('  com.acme.LeakyPool.main(LeakyPool.java:8): 2 leaked workers of pools made there')
assert log.contains('Leaked: 2 workers of pools made at com.acme.LeakyPool.main(LeakyPool.java:8)')
assert log.contains('shut the pool made at com.acme.LeakyPool.main(LeakyPool.java:8) down')
return true
