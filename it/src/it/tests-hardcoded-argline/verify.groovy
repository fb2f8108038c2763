def log = new File(basedir, 'build.log').text

assert log.contains('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0')
assert log.contains('BUILD SUCCESS')
assert log.contains('[WARNING] threadguard: maven-surefire-plugin (execution default-test) sets <argLine>-Xmx256m</argLine> '
        + 'without @{argLine}: its test JVMs start without threadguard\'s agent')
assert log.contains('Write <argLine>@{argLine} -Xmx256m</argLine>.')
assert log.contains('[WARNING] threadguard: maven-failsafe-plugin sets forkCount=0: the tests run inside Maven\'s own JVM')
assert log.contains('[WARNING] threadguard: no test recording found in ')
assert !new File(basedir, 'target/threadguard/test-report.json').exists()
return true
