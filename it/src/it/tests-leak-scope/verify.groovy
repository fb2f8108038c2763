import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/threadguard/test-report.json'))

assert log.contains('Tests run: 3, Failures: 0, Errors: 0, Skipped: 0')
def byName = report.leakedThreads.collectEntries { [(it.name): it] }
assert byName.keySet() == ['outlives-test', 'class-leak'] as Set : byName.keySet()
assert byName['outlives-test'].test == 'com.acme.OutlivingTest#outlivesItsTest'
assert byName['outlives-test'].state == 'TERMINATED' // it ended before the JVM, but after its test
assert byName['outlives-test'].createdAt == 'com.acme.OutlivingTest.sleeper(OutlivingTest.java:53)'
assert byName['outlives-test'].owner.kind == 'thread'
assert byName['class-leak'].test == 'com.acme.OutlivingTest' // started in @BeforeAll: the class's
assert byName['class-leak'].state == 'TIMED_WAITING'
assert report.breaches == [[budget: 'maxLeakedThreads', limit: 0, observed: 2]]
return true
