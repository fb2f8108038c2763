import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/threadguard/run-report.json'))

assert report.verdict == 'pass'
assert report.exitCode == 0
assert report.endedBy == 'exit'
assert report.timedOut == false
assert report.peakThreads == 4 : report.peakThreads
assert report.threadsStarted == 4 : report.threadsStarted
assert report.breaches == []
assert report.leakedThreads == []
assert report.budgets == [maxThreads: 10, maxVirtualThreads: null, maxThreadsStarted: 10, maxLeakedThreads: 0,
        maxJvmLifetimeThreads: null]
assert report.spawnSites.size() == 1
assert report.spawnSites[0].frame == 'com.acme.BoundedPool.main(BoundedPool.java:13)' : report.spawnSites[0]
assert report.spawnSites[0].ownerKind == 'pool' && report.spawnSites[0].owners == 1
assert report.spawnSites[0].stack.any { it.startsWith('java.util.concurrent.Executors.newFixedThreadPool(') }
assert report.spawnSites[0].peakAlive == 4
assert report.timeline.platform.size() > 0

assert log.contains('[app] sum of squares: 328350')
assert log =~ /threadguard:   peak live platform threads\s+4   limit 10/
assert log =~ /threadguard:   platform threads started\s+4   limit 10/
assert log =~ /threadguard:   threads leaked after main returned\s+0   limit 0/
assert log.contains('BUILD SUCCESS')
return true
