import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def expected = [
    'Waits.java:17:39: info [http-without-timeout] `HttpClient.newHttpClient()` has no connect timeout',
    'Waits.java:20:31: info [http-without-timeout] This `HttpRequest` is sent without `timeout`',
    'Waits.java:26:23: info [blocking-without-timeout] `future.get()` waits forever if the task never completes \u2014 Use `get(timeout, unit)`',
    'Waits.java:32:11: info [swallowed-interrupt] `catch (InterruptedException e)` neither rethrows nor restores',
    'Waits.java:39:13: warning [uncancellable-loop] `while (true)` in lambda passed to execute(..) has no way out',
    'Waits.java:46:33: info [executor-not-shutdown] `Executors.newFixedThreadPool(..)` in local `batch` is never shut down',
    'Waits.java:51:9: info [ignored-future] The `ScheduledFuture` of `scheduler.scheduleAtFixedRate(..)` is discarded',
    'Waits.java:52:9: info [ignored-future] The `Future` of `pool.submit(task)` is discarded',
    'Waits.java:56:13: info [blocking-without-timeout] `bus.await()` is one of the configured blockingMethods (com.acme.Bus#await())',
    'Dispatcher.java:8:34: info [blocking-without-timeout] `mailbox.next()` calls Mailbox.next(), which waits on BlockingQueue.take() without a timeout (Mailbox.java:11) \u2014 Give Mailbox.next() a timeout, or a timed variant to call here.',
]
expected.each { line ->
    assert log.contains('src/main/java/com/acme/' + line) : "missing in build.log: ${line}"
}
assert !log.contains('Bounded.java:') : 'the bounded variants must not be reported'
assert !log.contains('Pool.java:')
assert !log.contains('com/acme/Mailbox.java:') : 'a method that only forwards a wait is not reported, its caller is'
assert log.contains('threadguard: 6 files analysed in')
// at their default levels, which follow measured precision (docs/rules.md#how-default-levels-are-set): the untimed
// waits and network calls, executor-not-shutdown, both kinds of ignored-future and the swallowed interrupt are infos;
// the uncancellable loop, a rule at warning, fails the build
assert log.contains('threadguard: 9 infos (blocking-without-timeout 3, executor-not-shutdown 1, http-without-timeout 2, '
        + 'ignored-future 2, swallowed-interrupt 1) do not fail the build')
assert log.contains('threadguard found 1 finding at or above \'warning\' (1 warning) in 1 file')

def sarif = new JsonSlurper().parse(new File(basedir, 'target/threadguard/threadguard.sarif'))
def run = sarif.runs[0]
assert run.tool.driver.rules*.id.containsAll(['blocking-without-timeout', 'http-without-timeout',
        'swallowed-interrupt', 'uncancellable-loop', 'executor-not-shutdown', 'ignored-future'])
assert run.invocations[0].toolExecutionNotifications.isEmpty()
def results = run.results.collect { r ->
    def loc = r.locations[0].physicalLocation
    "${r.ruleId}@${loc.artifactLocation.uri.replaceAll('.*/src/main/java/', '')}:${loc.region.startLine}:${loc.region.startColumn}:${r.level}"
}
assert results.sort() == [
    'blocking-without-timeout@com/acme/Dispatcher.java:8:34:note',
    'blocking-without-timeout@com/acme/Waits.java:26:23:note',
    'blocking-without-timeout@com/acme/Waits.java:56:13:note',
    'executor-not-shutdown@com/acme/Waits.java:46:33:note',
    'http-without-timeout@com/acme/Waits.java:17:39:note',
    'http-without-timeout@com/acme/Waits.java:20:31:note',
    'ignored-future@com/acme/Waits.java:51:9:note',
    'ignored-future@com/acme/Waits.java:52:9:note',
    'swallowed-interrupt@com/acme/Waits.java:32:11:note',
    'uncancellable-loop@com/acme/Waits.java:39:13:warning',
].sort() : results
return true
