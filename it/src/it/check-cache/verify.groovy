def log = new File(basedir, 'build.log').text
def summaries = log.readLines().findAll { it.contains('threadguard: 2 files analysed in') }
assert summaries.size() == 2 : summaries
assert summaries[0].contains('2 errors, 1 warning, 0 infos (1 parsed, 1 without the APIs the rules check, 0 unchanged since the last run)')
assert summaries[1].contains('2 errors, 1 warning, 0 infos (0 parsed, 0 without the APIs the rules check, 2 unchanged since the last run)')
assert new File(basedir, 'target/threadguard/analysis.cache').isFile()
return true
