import groovy.json.JsonSlurper

// the six builds of invoker.properties write one build.log; each starts with "Scanning for projects"
// what precedes the first build's "Scanning" is not a build (on JDK 24+ Maven's Guice prints Unsafe warnings there)
def builds = new File(basedir, 'build.log').text.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).drop(1)
assert builds.size() == 6 : "expected 6 builds in build.log, found ${builds.size()}"
def findingLines = { String log -> log.readLines().findAll { it =~ /Legacy\.java:\d+:\d+: |Workers\.java:\d+:\d+: / } }

// 1. adopt: every current finding is baselined
def adopt = builds[0]
assert adopt.contains('threadguard: wrote baseline threadguard-baseline.json: 7 findings') : adopt
assert adopt.contains('BUILD SUCCESS')

// 2. unchanged code: check passes and only counts the baselined findings
def unchanged = builds[1]
assert unchanged.contains('0 errors, 0 warnings, 0 infos new, 7 baselined') : unchanged
assert findingLines(unchanged).isEmpty() : findingLines(unchanged)
assert unchanged.contains('BUILD SUCCESS')

// 3. Legacy.java edited (lines inserted, whitespace reformatted, methods moved) and future.get() fixed:
//    still passes, and the fixed finding is named
def edited = builds[2]
assert edited.contains('0 errors, 0 warnings, 0 infos new, 6 baselined') : edited
assert edited.contains('threadguard: 1 baselined finding is fixed \u2014 run threadguard:baseline to drop it:')
assert edited.contains('  src/main/java/com/acme/Legacy.java:20 [blocking-without-timeout] `future.get()` waits forever if the task never completes (line when baselined)')
assert findingLines(edited).isEmpty() : findingLines(edited)
assert edited.contains('BUILD SUCCESS')

// 4. one new violation: check fails on exactly that one
def added = builds[3]
def reported = findingLines(added)
assert reported.size() == 1 : reported
assert reported[0].contains('src/main/java/com/acme/Workers.java:19:39: error [thread-in-loop]') : reported
assert added.contains('1 error, 0 warnings, 0 infos new, 6 baselined')
assert added.contains("threadguard found 1 new finding at or above 'warning' (1 error) in 1 file (6 more are baselined and do not count)")
assert added.contains('BUILD FAILURE')

// 5. baselineOnlyShrink refuses to take the new finding in
def shrink = builds[4]
assert shrink.contains('Workers.java:19 [thread-in-loop]') && shrink.contains('new, not in the baseline')
assert shrink.contains('threadguard:baseline would add 1 new finding to threadguard-baseline.json, and threadguard.baselineOnlyShrink is set; the baseline was left as it was.')
assert shrink.contains('BUILD FAILURE')

// 6. re-baselining drops the fixed finding and takes the new one in (so build 5 left the file alone)
def rebaseline = builds[5]
assert rebaseline.contains('threadguard: updated baseline threadguard-baseline.json: 7 findings (1 added, 1 fixed and dropped, 6 kept)') : rebaseline
assert rebaseline.contains('BUILD SUCCESS')

def baseline = new JsonSlurper().parse(new File(basedir, 'threadguard-baseline.json'))
assert baseline.version == 1
assert baseline.findings.size() == 7
baseline.findings.each { entry ->
    assert entry.keySet() as List == ['rule', 'file', 'line', 'type', 'member', 'code', 'message', 'fingerprint']
    assert entry.fingerprint ==~ /[0-9a-f]{16}:\d+/
}
assert baseline.findings*.file.every { it.startsWith('src/main/java/com/acme/') }
def keys = baseline.findings.collect { [it.file, it.type, it.member, it.rule, it.code].join('\u0000') }
assert keys == keys.sort(false) : 'entries are sorted by file, type, member, rule and code, not by line'
assert !baseline.findings.any { it.rule == 'blocking-without-timeout' }
assert baseline.findings.any { it.rule == 'thread-in-loop' && it.member == 'perJob(List<Runnable>)' && it.code == 'new Thread(job, "worker").start()' }

// SARIF of build 4 was overwritten by no later check: it holds exactly one new result, the rest unchanged
def sarif = new JsonSlurper().parse(new File(basedir, 'target/threadguard/threadguard.sarif'))
def results = sarif.runs[0].results
assert results*.baselineState.countBy { it } == [unchanged: 6, new: 1]
def fresh = results.find { it.baselineState == 'new' }
assert fresh.ruleId == 'thread-in-loop'
assert fresh.locations[0].physicalLocation.region.startLine == 19
results.each { assert it.partialFingerprints.primaryLocationLineHash ==~ /[0-9a-f]{16}:\d+/ }
assert sarif.runs[0].properties.baseline.fixed*.ruleId == ['blocking-without-timeout']
assert new File(basedir, 'target/threadguard/report.html').text.contains('<details class="baselined"')
return true
