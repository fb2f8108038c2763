def appPid = new File(basedir, 'target/app.pid').text.trim() as long
def mavenPid = new File(basedir, 'target/maven.pid').text.trim() as long
assert !ProcessHandle.of(mavenPid).map { it.isAlive() }.orElse(false)

// the agent checks for its build twice a second; give a busy machine a minute
def deadline = System.nanoTime() + 60_000_000_000L
while (ProcessHandle.of(appPid).map { it.isAlive() }.orElse(false) && System.nanoTime() < deadline) {
    Thread.sleep(200)
}
assert !ProcessHandle.of(appPid).map { it.isAlive() }.orElse(false) : "the application (pid $appPid) outlived the killed build"

// the agent ended it because the build was gone (exit code 88), and said so in its recording
def recording = new File(basedir, 'target/threadguard/run.tglog').readLines()*.split('\t')
def end = recording.find { it[0] == 'END' }
assert end != null && end[2] == 'orphaned' && end[3] == '88' : end
assert recording.any { it[0] == 'NOTE' && it[2] == "the build that started this JVM (process $mavenPid) is gone".toString() }

def log = new File(basedir, 'build.log').text
assert log.contains('[app] pid service listening on port')
assert log.contains('Running com.acme.KillMavenIT')
assert log.contains('is ready after') // readiness: the reserved port accepts connections
assert !log.contains('threadguard:0.1.0-SNAPSHOT:stop') && !log.contains(':stop (default)')
return true
