import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('threadguard: 2 files analysed in')
assert log.contains('0 errors, 2 warnings, 1 info')
assert log.contains('src/main/java/com/acme/Spawner.java:8:42: info [unbounded-executor]')
assert log.contains('src/main/java/com/acme/Spawner.java:18:41: warning [executor-in-loop]')
assert log.contains('src/test/java/com/acme/SpawnerTest.java:9:36: warning [executor-in-loop]')
assert !log.contains('[thread-in-loop]')
assert !log.contains('Generated.java')
assert log.contains('BUILD SUCCESS')

def run = new JsonSlurper().parse(new File(basedir, 'target/threadguard/threadguard.sarif')).runs[0]
assert !run.tool.driver.rules*.id.contains('thread-in-loop')
assert run.tool.driver.rules.find { it.id == 'unbounded-executor' }.defaultConfiguration.level == 'note'
assert run.results.collect { "${it.ruleId}:${it.level}" }.sort() ==
        ['executor-in-loop:warning', 'executor-in-loop:warning', 'unbounded-executor:note']
return true
