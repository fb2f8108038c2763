import groovy.json.JsonSlurper

// Only the control code (method unsuppressed(), class Unsuppressed) is reported: the same patterns above it are
// silenced by @SuppressWarnings on the class and the methods and by the threadguard:ignore comment.
def log = new File(basedir, 'build.log').text
assert log.contains('threadguard: 1 file analysed in')
assert log.contains('2 errors, 1 warning, 0 infos')
assert log.contains('src/main/java/com/acme/Legacy.java:41:38: error [thread-in-loop]')
assert log.contains('src/main/java/com/acme/Legacy.java:42:41: error [executor-in-loop]')
assert log.contains('src/main/java/com/acme/Legacy.java:55:42: warning [unbounded-executor]')

def sarif = new JsonSlurper().parse(new File(basedir, 'target/threadguard/threadguard.sarif'))
def results = sarif.runs[0].results.collect { "${it.ruleId}@${it.locations[0].physicalLocation.region.startLine}" }
assert results.sort() == ['executor-in-loop@42', 'thread-in-loop@41', 'unbounded-executor@55'] : results
return true
