def log = new File(basedir, 'build.log').text
assert log.contains("threadguard is misconfigured: <rules> names the rule 'thread-in-lop', which does not exist. Valid rule ids: thread-in-loop, executor-in-loop, unbounded-executor, pool-never-grows, thread-in-handler")
assert !log.contains('at dev.threadguard')
return true
