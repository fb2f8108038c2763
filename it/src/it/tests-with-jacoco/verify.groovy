import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/threadguard/test-report.json'))

assert log.contains('Tests run: 2, Failures: 0, Errors: 0, Skipped: 0')
assert log.contains('BUILD SUCCESS')
// no JaCoCo error about threadguard's classes, no stack trace from either agent
assert !log.contains('Error while instrumenting')
assert !log.contains('[threadguard] error')

// JaCoCo ran and measured the project's classes...
def dump = new File(basedir, 'target/jacoco-instrumented')
def instrumented = []
dump.eachFileRecurse(groovy.io.FileType.FILES) { instrumented << dump.toPath().relativize(it.toPath()).toString() }
assert instrumented.any { it.startsWith('com/acme/Squares.') } : instrumented
assert new File(basedir, 'target/jacoco.exec').isFile()
// ...and of threadguard's agent only the launcher and the test listeners' API, which the class path must hold
def agent = instrumented.findAll { it.startsWith('dev/threadguard/') }
assert agent.every { it.startsWith('dev/threadguard/agent/ThreadguardAgent') || it.startsWith('dev/threadguard/agent/api/')
        || it.startsWith('dev/threadguard/junit/') } : agent
assert !agent.any { it.contains('/runtime/') || it.contains('/shaded/') } : agent

// threadguard saw the pool and its workers
assert report.verdict == 'pass'
assert report.leakedThreads == []
assert report.spawnSites.any { it.frame.startsWith('com.acme.Squares.of(') && it.ownerKind == 'pool' }
assert report.threadsStarted >= 2
return true
