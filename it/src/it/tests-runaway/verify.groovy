import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/threadguard/test-report.json'))

assert log.contains('Process Exit Code: 85') : 'Surefire reports the fork the agent halted'
assert new File(basedir, 'target/threadguard/tests').listFiles().any { it.name ==~ /test-\d+\.tglog/ }
assert report.verdict == 'fail'
assert report.endedBy == 'breach'
assert report.failures.any { it ==~ /the agent halted a test JVM \(test-\d+\.tglog\): runawayLimit \d+ > 300 live threads/ }
assert report.peakThreads > 300 && report.peakThreads < 2000 : report.peakThreads
assert report.breaches.any { it.budget == 'maxThreads' && it.limit == 100 }
assert report.spawnSites[0].frame == 'com.acme.RunawayTest.spawnsWithoutEnd(RunawayTest.java:10)'
assert log.contains('threadguard: the agent halted a test JVM')
return true
