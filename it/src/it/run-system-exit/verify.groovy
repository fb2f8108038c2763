import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/threadguard/run-report.json'))

assert report.verdict == 'pass'
assert report.exitCode == 0
assert report.endedBy == 'exit'
assert report.leakedThreads == [] : 'System.exit is not a leak'
assert report.threadDumpReason == 'exit'
def workers = report.threadDump.findAll { it.name.startsWith('busy-worker-') }
assert workers.size() == 2 : report.threadDump*.name
workers.each { w ->
    assert w.createdAt == 'com.acme.ExitEarly.main(ExitEarly.java:11)' : w
    assert w.stack.any { it.startsWith('java.lang.Thread.sleep') }
}
assert report.peakThreads == 2
assert log.contains('[app] exiting with workers still running')
assert log.contains('BUILD SUCCESS')
return true
