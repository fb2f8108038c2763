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
    assert t.createdAt ==~ /com\.acme\.LeakyPool\.main\(LeakyPool\.java:(9|10)\)/ : t
    assert t.stack.any { it.startsWith('java.util.concurrent.ThreadPoolExecutor.getTask(') }
}
assert report.breaches == [[budget: 'maxLeakedThreads', limit: 0, observed: 2]]
assert report.threadDumpReason == 'leak'

assert log.contains('[app] main returns without pool.shutdown()')
assert log.contains('threads leaked after main returned:')
assert log.contains('Leaked: "pool-1-thread-')
assert log.contains('shut the pool down')
return true
