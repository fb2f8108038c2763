def log = new File(basedir, 'build.log').text
assert log.contains('threadguard.maxVirtualThreads is set, but')
assert log.contains('which has no virtual threads. Run with Java 21 or newer (threadguard.jvm), or remove maxVirtualThreads.')
assert !log.contains('[app] never run')
return true
