def log = new File(basedir, 'build.log').text

assert log.contains('Tests run: 2, Failures: 0, Errors: 0, Skipped: 0')
assert log.contains('BUILD SUCCESS')
assert log.count('threadguard: skipping, as threadguard.skip is set') == 2
assert !log.contains('@{argLine}') // resolved, to ""
assert !new File(basedir, 'target/threadguard/tests').exists()
assert !new File(basedir, 'target/threadguard/test-report.json').exists()
return true
