import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/threadguard/test-report.json'))

assert log.contains('Tests run: 6, Failures: 0, Errors: 0, Skipped: 0') // Surefire
assert log.contains('Tests run: 4, Failures: 0, Errors: 0, Skipped: 0') // Failsafe
// a JVM per Surefire test class (3), one or two reused Failsafe JVMs
assert report.recordings.size() >= 4 && report.recordings.size() <= 5 : report.recordings
assert report.recordings.every { it ==~ /.*test-\d+(-\d+)?\.tglog/ }
assert !report.recordings.any { it.endsWith('test-1.tglog') }
assert !new File(basedir, 'target/threadguard/tests/test-1.tglog').exists()
assert !report.notes.any { it.contains('could not be read') }
def byName = report.leakedThreads.collectEntries { [(it.name): it.test] }
assert byName == [
    'FirstTest-sleeper': 'com.acme.FirstTest#leaks', 'SecondTest-sleeper': 'com.acme.SecondTest#leaks',
    'ThirdTest-sleeper': 'com.acme.ThirdTest#leaks', 'FirstIT-sleeper': 'com.acme.FirstIT#leaks',
    'SecondIT-sleeper': 'com.acme.SecondIT#leaks',
]
assert report.breaches == [[budget: 'maxLeakedThreads', limit: 0, observed: 5]]
// threads started are added up over every test JVM: one sleeper and one joined thread per class
assert report.threadsStarted == 10
assert report.notes.any { it.contains('test JVMs recorded') }
return true
