import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/threadguard/run-report.json'))

// failFast off: the run completes, and the count is exact
assert report.verdict == 'fail'
assert report.endedBy == 'exit'
assert report.exitCode == 0
assert report.threadsStarted == 500 : report.threadsStarted
// one at a time, though a joined thread may still be exiting in the JVM when the next starts
assert report.peakThreads < 20 : report.peakThreads
assert report.breaches == [[budget: 'maxThreadsStarted', limit: 100, observed: 500]]
assert report.spawnSites[0].frame == 'com.acme.ShortThreads.main(ShortThreads.java:7)'
assert report.spawnSites[0].started == 500

assert log.contains('[app] 500 short threads done')
assert log.contains('maxThreadsStarted budget breached: 500 > limit 100')
// the agent's own "failFast is off, the run goes on" line depends on its sampler seeing the breach before this
// short run ends; the report above is what must hold
return true
