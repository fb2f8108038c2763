import groovy.json.JsonSlurper

// The default levels follow each rule's measured precision (docs/rules.md#how-default-levels-are-set): the spawning
// rules' findings, the untimed wait and the swallowed interrupt are infos, printed and counted but not failing the
// build; the uncancellable loop (a rule at warning) fails it.
def log = new File(basedir, 'build.log').text
assert log.contains('src/main/java/com/acme/Spawner.java:13:29: info [thread-in-loop]')
assert log.contains('src/main/java/com/acme/Spawner.java:19:41: info [executor-in-loop]')
assert log.contains('src/main/java/com/acme/Spawner.java:9:42: info [unbounded-executor]')
assert log.contains('src/main/java/com/acme/Spawner.java:26:19: info [blocking-without-timeout]')
assert log.contains('src/main/java/com/acme/Spawner.java:33:11: info [swallowed-interrupt]')
assert log.contains('src/main/java/com/acme/Spawner.java:40:13: warning [uncancellable-loop]')
assert log.contains('threadguard: 1 file analysed in')
assert log.contains('0 errors, 1 warning, 5 infos')
assert log.contains('threadguard: 5 infos (blocking-without-timeout 1, executor-in-loop 1, swallowed-interrupt 1, thread-in-loop 1, '
        + 'unbounded-executor 1) '
        + 'do not fail '
        + 'the build, which fails at \'warning\'')
assert log.contains('To fail the build on one: <rules><rule><id>blocking-without-timeout</id>'
        + '<severity>warning</severity>'
        + '</rule></rules>; on every finding: -Dthreadguard.failOnSeverity=info.')
assert log.contains('threadguard found 1 finding at or above \'warning\' (1 warning) in 1 file')

def sarifFile = new File(basedir, 'target/threadguard/threadguard.sarif')
assert sarifFile.isFile() : 'SARIF must be written even when the build fails'
def sarif = new JsonSlurper().parse(sarifFile)
assert sarif.version == '2.1.0'
def run = sarif.runs[0]
assert run.tool.driver.name == 'threadguard'
assert run.tool.driver.rules*.id.containsAll(['thread-in-loop', 'executor-in-loop', 'unbounded-executor', 'thread-in-handler'])
def threadInLoop = run.tool.driver.rules.find { it.id == 'thread-in-loop' }
assert threadInLoop.defaultConfiguration.level == 'note'
assert threadInLoop.help.text =~ /Default level: info \(\d+ of \d+ true on held-out code\)\./
def results = run.results.collect { r ->
    def loc = r.locations[0].physicalLocation
    "${r.ruleId}@${loc.artifactLocation.uri}:${loc.region.startLine}:${loc.region.startColumn}:${r.level}"
}
assert results.sort() == [
    'blocking-without-timeout@it/target/it/check-violations/src/main/java/com/acme/Spawner.java:26:19:note',
    'swallowed-interrupt@it/target/it/check-violations/src/main/java/com/acme/Spawner.java:33:11:note',
    'uncancellable-loop@it/target/it/check-violations/src/main/java/com/acme/Spawner.java:40:13:warning',
    'executor-in-loop@it/target/it/check-violations/src/main/java/com/acme/Spawner.java:19:41:note',
    'thread-in-loop@it/target/it/check-violations/src/main/java/com/acme/Spawner.java:13:29:note',
    'unbounded-executor@it/target/it/check-violations/src/main/java/com/acme/Spawner.java:9:42:note',
].sort() : results
run.results.each { assert it.partialFingerprints.primaryLocationLineHash ==~ /[0-9a-f]{16}:\d+/ }
return true
