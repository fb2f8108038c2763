import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/threadguard/run-report.json'))

assert report.mode == 'service'
assert report.verdict == 'fail'
assert report.readyMillis != null && report.readyMillis >= 0
// fail-fast: the agent halted the service at the breach, during the load
assert report.endedBy == 'breach'
assert report.exitCode == 85
def breach = report.breaches.find { it.budget == 'maxThreads' }
assert breach != null && breach.limit == 50 && breach.observed > 50 : report.breaches
assert report.failures == ["maxThreads budget breached: ${breach.observed} > limit 50".toString()] : report.failures
assert report.notes.contains('the agent halted the application at a fail-fast budget breach')

// the handler's line made the threads, one per request
def top = report.spawnSites[0]
assert top.frame == 'com.acme.ReportService.report(ReportService.java:30)' : top
assert top.ownerKind == 'thread' && top.owners == top.started
assert top.started > 40 : top

// the load ran until the service was gone (how many requests it sent by then depends on the machine's speed)
assert report.load.requests <= 300 && report.load.ok + report.load.errors == report.load.requests : report.load
assert report.load.ok > 40 && report.load.statusCounts['202'] == report.load.ok : report.load

assert log.contains('[app] report service listening on port')
assert log.contains('BREACHED (maxThreads)')
assert log.contains('threadguard: the application ended during the load, after ')
assert log.contains('Top creation site: com.acme.ReportService.report(ReportService.java:30)')
return true
