def log = new File(basedir, 'build.log').text
assert log.contains('threadguard: skipping, as threadguard.skip is set')
assert !log.contains('[thread-in-loop]')
assert log.contains('BUILD SUCCESS')
return true
