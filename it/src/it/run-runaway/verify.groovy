import groovy.json.JsonSlurper

def report = new JsonSlurper().parse(new File(basedir, 'target/threadguard/run-report.json'))

assert report.verdict == 'fail'
assert report.endedBy == 'breach'
assert report.exitCode == 85
assert report.peakThreads > 200
assert report.peakThreads < 1000 : "stopped far below 2,000 threads, not at ${report.peakThreads}"
assert report.threadsStarted < 1000
assert report.durationMillis < 15_000 : "stopped within seconds, not after ${report.durationMillis} ms"
assert report.spawnSites[0].frame == 'com.acme.Runaway.main(Runaway.java:6)'
def breach = report.breaches.find { it.budget == 'maxThreads' }
assert breach.limit == 200 && breach.observed > 200
// the dump holds the sleeping threads, each with its creation site
def sleepers = report.threadDump.findAll { it.name.startsWith('sleeper-') }
assert sleepers.size() > 200
assert sleepers.every { it.createdAt == 'com.acme.Runaway.main(Runaway.java:6)' }
assert sleepers.count { it.state == 'TIMED_WAITING' } >= sleepers.size() - 5
return true
