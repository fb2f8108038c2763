import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def expected = [
    'Legacy.java:15:23: info [unused-suppression] `"threadguard:thread-in-loop"` suppresses nothing: `thread-in-loop` reports nothing in the declaration it annotates \u2014 Remove the suppression',
    'Legacy.java:21:38: info [unused-suppression] `// threadguard:ignore executor-in-loop` suppresses nothing: `executor-in-loop` reports nothing on this line',
    'Notifier.java:14:9: info [executor-not-shutdown] `Executors.newSingleThreadExecutor(..)` is used once, by `.submit(..)`, and kept nowhere',
    'Notifier.java:18:32: info [executor-not-shutdown] `Executors.newFixedThreadPool(..)` in local `pool` is shut down only on the normal path: when `pool.invokeAll(calls)` at line 20 throws, the method leaves before `pool.shutdown()` at line 23',
    'Poller.java:10:56: info [executor-not-shutdown] `Executors.newSingleThreadScheduledExecutor(..)` in field `scheduler` is never shut down: `close()` ends a `Poller`',
    'Pools.java:17:16: warning [pool-never-grows] `new ThreadPoolExecutor(2, WORKERS * 4, ..)` never grows past its core size (2)',
]
// two checks in one build: every finding is printed by both, the second from the analysis cache
expected.each { line ->
    def count = log.count('src/main/java/com/acme/' + line)
    assert count == 2 : "expected twice in build.log, found ${count} times: ${line}"
}
// Java 17: ExecutorService is not AutoCloseable yet, so the fix offers try/finally only
assert log.contains('Shut it down on every path: try { .. } finally { pool.shutdown(); }.')
assert !log.contains('try-with-resources')
// the lost executor is the one finding: ignored-future leaves the discarded future to it
assert !log.contains('[ignored-future]')
// the suppression of a disabled rule is not judged; the pools that grow or are fixed are fine
assert !log.contains('Notifier.java:27:') && !log.contains('Notifier.java:29:')
assert !log.contains('Pools.java:21:') && !log.contains('Pools.java:25:')
// executor-not-shutdown is at its default level, info, which follows its measured precision
def summaries = log.readLines().findAll { it.contains('threadguard: 4 files analysed in') }
assert summaries.size() == 2 : summaries
assert summaries[0].contains('0 errors, 1 warning, 5 infos (4 parsed, 0 without the APIs the rules check, 0 unchanged since the last run)')
assert summaries[1].contains('0 errors, 1 warning, 5 infos (0 parsed, 0 without the APIs the rules check, 4 unchanged since the last run)')

def sarif = new JsonSlurper().parse(new File(basedir, 'target/threadguard/threadguard.sarif'))
def run = sarif.runs[0]
assert run.tool.driver.rules*.id.containsAll(['executor-not-shutdown', 'pool-never-grows', 'unused-suppression'])
assert !run.tool.driver.rules*.id.contains('blocking-without-timeout')
def results = run.results.collect { r ->
    def loc = r.locations[0].physicalLocation
    "${r.ruleId}@${loc.artifactLocation.uri.replaceAll('.*/src/main/java/', '')}:${loc.region.startLine}:${loc.region.startColumn}:${r.level}"
}
assert results.sort() == [
    'executor-not-shutdown@com/acme/Notifier.java:14:9:note',
    'executor-not-shutdown@com/acme/Notifier.java:18:32:note',
    'executor-not-shutdown@com/acme/Poller.java:10:56:note',
    'pool-never-grows@com/acme/Pools.java:17:16:warning',
    'unused-suppression@com/acme/Legacy.java:15:23:note',
    'unused-suppression@com/acme/Legacy.java:21:38:note',
].sort() : results
return true
