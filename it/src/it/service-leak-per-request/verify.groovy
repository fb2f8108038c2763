import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/threadguard/run-report.json'))

assert report.mode == 'service'
assert report.verdict == 'fail'
assert report.endedBy == 'stopped'
assert report.exitCode == null
assert report.readyMillis != null

// 200 requests over /subscribe and /health in turn: 100 subscriptions, each left a listener thread behind
assert report.load.requests == 200 && report.load.ok == 200 && report.load.errors == 0 : report.load
assert report.load.statusCounts == ['200': 200]
assert report.breaches == [[budget: 'maxLeakedThreads', limit: 0, observed: 100]]
assert report.leakSites.size() == 1 : report.leakSites
def site = report.leakSites[0]
assert site.site == 'com.acme.EventService.subscribe(EventService.java:31)' : site
assert site.kind == 'thread' && site.leaked == 100 && site.jvms == 1
assert report.leakedThreads.size() == 100
report.leakedThreads.each { t ->
    assert t.name == 'event-listener' && t.daemon == true && t.state == 'WAITING' && t.idle == false : t
    assert t.stack.contains('com.acme.EventService.listen(EventService.java:38)')
}
// the chart's marks: ready, the load window, the stop
assert report.timeline.marks*.name.containsAll(['ready', 'load-start', 'load-end', 'stop']) : report.timeline.marks

assert log.contains('threadguard: load: 200 requests, 200 answered 2xx/3xx, 0 errors')
assert log.contains('threads leaked by the load                      100   limit 0   BREACHED (maxLeakedThreads)')
assert log.contains('com.acme.EventService.subscribe(EventService.java:31): 100 leaked threads started there')
assert log.contains('Leaked: 100 threads started at com.acme.EventService.subscribe(EventService.java:31)')
return true
