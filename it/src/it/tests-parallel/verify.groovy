import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/threadguard/test-report.json'))

assert log.contains('Tests run: 8, Failures: 0, Errors: 0, Skipped: 0')
assert report.verdict == 'fail'
def byName = report.leakedThreads.collectEntries { [(it.name): it] }
def expected = [
    'alpha-first': 'com.acme.AlphaTest#first', 'alpha-second': 'com.acme.AlphaTest#second',
    'alpha-pool-worker': 'com.acme.AlphaTest#throughAPool', 'alpha-pool-grandchild': 'com.acme.AlphaTest#throughAPool',
    'beta-first': 'com.acme.BetaTest#first', 'beta-second': 'com.acme.BetaTest#second',
    'beta-pool-worker': 'com.acme.BetaTest#throughAPool', 'beta-pool-grandchild': 'com.acme.BetaTest#throughAPool',
]
assert byName.keySet() == expected.keySet() : byName.keySet()
expected.each { name, test ->
    assert byName[name].test == test : "${name} blamed on ${byName[name].test}, not ${test}"
}
// found by the listener on the starter's thread, through the pool that owns a worker, or through the task a test
// submitted to a pool (the worker's own threads belong to that test)
assert byName['alpha-first'].attribution == 'test-listener'
assert byName['alpha-pool-worker'].attribution == 'owner'
assert byName['alpha-pool-worker'].owner.kind == 'pool'
assert byName['alpha-pool-grandchild'].attribution == 'submitted-task'
assert byName['alpha-first'].createdAt == 'com.acme.Together.leak(Together.java:20)'
assert !report.leakedThreads.any { it.test.endsWith('#clean') }
// JUnit's own worker threads are neither counted nor leaked
assert !report.threadDump.any { it.name.startsWith('ForkJoinPool-') || it.name.startsWith('junit-') }
assert report.notes.any { it.startsWith('8 tests seen by the test listeners') }
return true
