import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('threadguard: 1 file analysed in')
assert log.contains('0 errors, 0 warnings, 0 infos')
assert !log.contains('[thread-in-loop]')
assert log.contains('BUILD SUCCESS')
def sarif = new JsonSlurper().parse(new File(basedir, 'target/threadguard/threadguard.sarif'))
assert sarif.runs[0].results.isEmpty()
return true
