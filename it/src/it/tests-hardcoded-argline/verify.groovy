def log = new File(basedir, 'build.log').text

// the tests pass, but they ran without the agent: no silent green
assert log.contains('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0')
assert log.contains('BUILD FAILURE')
assert log.contains('[WARNING] threadguard: maven-surefire-plugin (execution default-test) sets <argLine>-Xmx256m ${extraOpts}</argLine> '
        + 'without @{argLine}: its test JVMs start without threadguard\'s agent')
assert log.contains('[WARNING] threadguard: maven-failsafe-plugin sets forkCount=0: the tests run inside Maven\'s own JVM')
assert log.contains('tests ran in this build but no test JVM ran under threadguard\'s agent, so no thread budget was checked')
// the advice quotes the argLine as written in the pom, its property reference kept
assert log.contains('    <argLine>@{argLine} -Xmx256m ${extraOpts}</argLine>')
assert log.contains('    <properties><argLine></argLine></properties>')
assert log.contains('Or, without editing the pom: -Dthreadguard.propertyName=extraOpts')
assert !log.contains('<argLine>@{argLine} -Xmx256m -ea</argLine>') : 'the substituted value must not be offered'
assert !new File(basedir, 'target/threadguard/test-report.json').exists()
return true
