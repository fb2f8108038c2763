import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('threadguard: skipping check of check-clean, which has pom packaging')
assert log.contains('threadguard: 1 file analysed in')
assert log.contains('0 errors, 0 warnings, 0 infos')
assert log.contains('BUILD SUCCESS')
// threadguard:help says what threadguard does for users, and lists the goals
assert log.contains('Guards JVM applications against thread explosions')
assert !log.contains('mojos')
assert log.contains('threadguard:check')

def sarif = new JsonSlurper().parse(new File(basedir, 'app/target/threadguard/threadguard.sarif'))
assert sarif.runs[0].results.isEmpty()
assert !new File(basedir, 'target/threadguard/threadguard.sarif').exists()
return true
