import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/threadguard/run-report.json'))

assert report.verdict == 'fail'
assert report.exitCode == 1
assert report.endedBy == 'exit'
assert report.breaches == []
assert report.failures == ['the application exited with code 1']

assert log.contains('[app] starting up')
assert log.contains('[app] Exception in thread "main" java.lang.IllegalStateException: boom: configuration file missing')
assert log.contains('[app] \tat com.acme.Crash.main(Crash.java:6)')
assert log.contains('the application exited with code 1')
assert log.contains('threadguard.failOnNonZeroExit=false')
return true
