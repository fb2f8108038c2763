def log = new File(basedir, 'build.log').text
assert log.contains('threadguard.mainClass is com.acme.DoesNotExist, but no com/acme/DoesNotExist.class is in')
assert log.contains('mvn compile threadguard:run')
assert !log.contains('[app] never run')
return true
