def log = new File(basedir, 'build.log').text
assert log.contains('threadguard.maxThreads is -1, but a budget must be 0 or more.')
assert !log.contains('[app] never run')
return true
