import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('src/main/java/com/acme/Spawner.java:12:29: error [thread-in-loop]')
assert log.contains('src/main/java/com/acme/Spawner.java:18:41: error [executor-in-loop]')
assert log.contains('src/main/java/com/acme/Spawner.java:8:42: warning [unbounded-executor]')
assert log.contains('threadguard: 1 file analysed in')
assert log.contains('threadguard found 3 findings at or above \'warning\' (2 errors, 1 warning) in 1 file')

def sarifFile = new File(basedir, 'target/threadguard/threadguard.sarif')
assert sarifFile.isFile() : 'SARIF must be written even when the build fails'
def sarif = new JsonSlurper().parse(sarifFile)
assert sarif.version == '2.1.0'
def run = sarif.runs[0]
assert run.tool.driver.name == 'threadguard'
assert run.tool.driver.rules*.id.containsAll(['thread-in-loop', 'executor-in-loop', 'unbounded-executor', 'thread-in-handler'])
def results = run.results.collect { r ->
    def loc = r.locations[0].physicalLocation
    "${r.ruleId}@${loc.artifactLocation.uri}:${loc.region.startLine}:${loc.region.startColumn}:${r.level}"
}
assert results.sort() == [
    'executor-in-loop@it/target/it/check-violations/src/main/java/com/acme/Spawner.java:18:41:error',
    'thread-in-loop@it/target/it/check-violations/src/main/java/com/acme/Spawner.java:12:29:error',
    'unbounded-executor@it/target/it/check-violations/src/main/java/com/acme/Spawner.java:8:42:warning',
].sort() : results
run.results.each { assert it.partialFingerprints.primaryLocationLineHash ==~ /[0-9a-f]{16}:\d+/ }
return true
