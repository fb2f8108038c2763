import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/threadguard/test-report.json'))

assert log.contains('Tests run: 3, Failures: 0, Errors: 0, Skipped: 0')
assert log.contains('[INFO] threadguard: maven-surefire-plugin (execution default-test) loads the tests with an isolated class loader '
        + '(useSystemClassLoader=false)')
assert !log.contains('listenerJar=')
assert report.leakedThreads.size() == 2 : report.leakedThreads
def byName = report.leakedThreads.collectEntries { [(it.name): it] }
assert byName['helper-sleeper'].test == 'com.acme.HelperLeakTest#leaksThroughAHelper'
assert byName['helper-sleeper'].attribution == 'creation-stack'
assert byName['helper-sleeper'].createdAt == 'com.acme.HelperLeakTest$Helpers.startSleeper(HelperLeakTest.java:37)'
assert byName['lambda-sleeper'].test == 'com.acme.HelperLeakTest#leaksInALambda'
assert byName['lambda-sleeper'].attribution == 'creation-stack'
assert byName['lambda-sleeper'].createdAt == 'com.acme.HelperLeakTest.lambda$leaksInALambda$0(HelperLeakTest.java:16)'
assert report.notes.any { it.contains('0 tests seen by the test listeners (none: threads are attributed to tests by their creation stacks)') }
return true
