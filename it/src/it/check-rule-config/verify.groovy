import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('threadguard: 2 files analysed in')
assert log.contains('1 error, 3 warnings, 1 info')
assert log.contains('src/main/java/com/acme/Spawner.java:8:42: error [unbounded-executor]')
assert log.contains('src/main/java/com/acme/Spawner.java:18:41: warning [executor-in-loop]')
assert log.contains('src/test/java/com/acme/SpawnerTest.java:9:36: warning [executor-in-loop]')
assert log.contains('src/main/java/com/acme/Spawner.java:27:11: warning [swallowed-interrupt]')
assert log.contains('src/main/java/com/acme/Spawner.java:38:13: info [uncancellable-loop]')
assert !log.contains('[thread-in-loop]')
assert !log.contains('Generated.java')
// failOnSeverity error: the warnings do not count
assert log.contains('threadguard found 1 finding at or above \'error\' (1 error) in 1 file')

def run = new JsonSlurper().parse(new File(basedir, 'target/threadguard/threadguard.sarif')).runs[0]
assert !run.tool.driver.rules*.id.contains('thread-in-loop')
assert run.tool.driver.rules.find { it.id == 'unbounded-executor' }.defaultConfiguration.level == 'error'
assert run.tool.driver.rules.find { it.id == 'executor-in-loop' }.defaultConfiguration.level == 'warning'
assert run.tool.driver.rules.find { it.id == 'swallowed-interrupt' }.defaultConfiguration.level == 'warning'
assert run.tool.driver.rules.find { it.id == 'uncancellable-loop' }.defaultConfiguration.level == 'note'
assert run.results.collect { "${it.ruleId}:${it.level}" }.sort() ==
        ['executor-in-loop:warning', 'executor-in-loop:warning', 'swallowed-interrupt:warning', 'unbounded-executor:error',
         'uncancellable-loop:note']
return true
