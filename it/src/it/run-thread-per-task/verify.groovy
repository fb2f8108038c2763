import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/threadguard/run-report.json'))

assert report.verdict == 'fail'
assert report.endedBy == 'breach'
assert report.exitCode == 85
assert report.timedOut == false
assert report.budgets.maxThreads == 50
def breach = report.breaches.find { it.budget == 'maxThreads' }
assert breach != null : report.breaches
assert breach.limit == 50
assert breach.observed > 50 && breach.observed < 300 : breach
assert report.peakThreads >= breach.observed
assert report.peakVirtualThreads == null || report.peakVirtualThreads == 0
assert report.baselineThreads > 0

def top = report.spawnSites[0]
assert top.frame == 'com.acme.ThreadPerTask.main(ThreadPerTask.java:10)' : top
assert top.started == report.threadsStarted
assert top.peakAlive == report.peakThreads
assert top.stack.contains('com.acme.ThreadPerTask.main(ThreadPerTask.java:10)')
assert top.ownerKind == 'thread' && top.owners == top.started

assert log.contains('threadguard:   peak live platform threads')
assert log.contains('BREACHED (maxThreads)')
assert log.contains('maxThreads budget breached')
assert log.contains('Top creation site: com.acme.ThreadPerTask.main(ThreadPerTask.java:10)')
assert log.contains('threadguard: report ')
def html = new File(basedir, 'target/threadguard/report.html').text
assert html.contains('id="runtime-run"') && html.contains('<svg class="chart"') && html.contains('maxThreads breached at')
assert !log.contains('all tasks done')
assert new File(basedir, 'target/threadguard/run.tglog').length() > 0
assert !new File(basedir, 'target/threadguard/run.jfr').exists() // JFR only with recording=jfr
return true
