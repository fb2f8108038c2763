import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/threadguard/run-report.json'))

assert report.verdict == 'fail'
assert report.endedBy == 'breach'
assert report.virtualThreads == 'instrumented'
assert report.peakVirtualThreads > 2000
assert report.peakVirtualThreads < 200_000 : 'stopped before the flood ended'
def breach = report.breaches.find { it.budget == 'maxVirtualThreads' }
assert breach.limit == 2000 && breach.observed > 2000
def site = report.spawnSites.find { it.kind == 'virtual' }
assert site != null : report.spawnSites
assert site.frame == 'com.acme.VirtualFlood.main(VirtualFlood.java:6)' : site
assert site.stack.any { it.startsWith('java.lang.VirtualThread.start(') }
assert site.started >= 1000
assert !log.contains('[app] flood done')
assert log.contains('virtual threads at com.acme.VirtualFlood.main(VirtualFlood.java:6)')
return true
