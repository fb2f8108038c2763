import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/threadguard/run-report.json'))

assert report.mode == 'service'
assert report.verdict == 'pass' : report.failures
assert report.endedBy == 'stopped'
assert report.exitCode == null
assert report.readyMillis != null && report.readyMillis >= 0
assert report.load == null // the load came from the Failsafe tests
assert report.budgets.maxThreads == 240 && report.budgets.maxLeakedThreads == 0
assert report.breaches == [] && report.failures == []
assert report.leakedThreads == [] && report.leakSites == []
assert report.peakThreads <= 240 // the bound by construction: JVM and server threads, 8 request workers, 200 orders

// both pools made workers during the tests: 8 for the requests, some for the side jobs
def sites = report.spawnSites.collectEntries { [(it.frame): it] }
def requests = sites['com.acme.OrderService.main(OrderService.java:28)']
def sideJobs = sites['com.acme.OrderService.main(OrderService.java:29)']
assert requests != null && requests.ownerKind == 'pool' && requests.started == 8 : report.spawnSites
assert sideJobs != null && sideJobs.ownerKind == 'pool' && sideJobs.started >= 1 : report.spawnSites
// the cached pool's workers were still there, idle, when the leak snapshot was taken (before SIGTERM): not leaks
def alive = (log =~ /\[app\] side-job workers alive at shutdown: (\d+)/)
assert alive.find() && (alive.group(1) as int) >= 1 : 'the shutdown hook reports the cached pool at stop'
assert report.timeline.marks*.name.containsAll(['ready', 'stop'])

assert log.contains('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0')
assert log.contains('[app] order service stopped after 200 orders')
assert log.contains('threads leaked by the load                        0   limit 0')
assert !log.contains('could not read the application')
return true
