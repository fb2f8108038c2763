import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/threadguard/run-report.json'))

assert report.verdict == 'fail'
assert report.timedOut == true
assert report.endedBy == 'timeout'
assert report.exitCode == 87
assert report.durationMillis < 14_000
assert report.threadDumpReason == 'timeout'
def main = report.threadDump.find { it.name == 'main' }
assert main != null
assert main.state == 'WAITING'
assert main.stack.any { it.startsWith('java.util.concurrent.CountDownLatch.await(') } : main.stack
assert main.stack.contains('com.acme.Hang.main(Hang.java:9)') : main.stack

assert log.contains('[app] waiting for a signal that never comes')
assert log.contains('the run did not end within its timeout of 4 s')
assert log.contains('main was at com.acme.Hang.main(Hang.java:9) (WAITING)')
return true
