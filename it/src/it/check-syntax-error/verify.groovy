import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log =~ /src\/main\/java\/com\/acme\/Broken\.java:4:\d+: warning \[parse-error\] does not parse: /
assert log.contains('threadguard: 2 files analysed in')
assert log.contains('1 file could not be analysed')
assert log.contains('Spawner.java:12:29: error [thread-in-loop]')
assert !log.contains('at com.github.javaparser')
assert !log.contains('at dev.threadguard')

def run = new JsonSlurper().parse(new File(basedir, 'target/threadguard/threadguard.sarif')).runs[0]
assert run.results.size() == 3
def notes = run.invocations[0].toolExecutionNotifications
assert notes.size() == 1
assert notes[0].locations[0].physicalLocation.artifactLocation.uri.endsWith('src/main/java/com/acme/Broken.java')
assert notes[0].locations[0].physicalLocation.region.startLine == 4
return true
