import groovy.json.JsonSlurper

// what precedes the first build's "Scanning" is not a build (on JDK 24+ Maven's Guice prints Unsafe warnings there)
def builds = new File(basedir, 'build.log').text.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).drop(1)
assert builds.size() == 3 : "expected 3 builds in build.log, found ${builds.size()}"

// one baseline per module, in the module's directory; none for the pom-packaged parent
def core = new JsonSlurper().parse(new File(basedir, 'core/threadguard-baseline.json'))
def web = new JsonSlurper().parse(new File(basedir, 'web/threadguard-baseline.json'))
assert core.findings*.rule.sort() == ['thread-in-loop', 'unbounded-executor']
assert web.findings*.rule.sort() == ['swallowed-interrupt', 'thread-in-loop']
assert core.findings*.file == ['src/main/java/com/acme/Core.java', 'src/main/java/com/acme/Core.java']
assert !new File(basedir, 'threadguard-baseline.json').exists()

def totals = { String log -> log.readLines().findAll { it.contains('threadguard: reactor total') } }

// 1. -T 2 threadguard:baseline: the totals once, whichever module finished last
assert totals(builds[0]) == ['[INFO] threadguard: reactor total, baselines of 2 modules: 4 findings (4 added, 0 dropped)'] : totals(builds[0])

// 2. -T 2 verify and 3. verify: every finding baselined, the totals once; the parent is skipped
[builds[1], builds[2]].each { build ->
    assert build.contains('BUILD SUCCESS')
    def lines = totals(build)
    assert lines.size() == 1 : lines
    assert lines[0] =~ /threadguard: reactor total, 2 modules checked and 1 skipped, 2 files: 0 errors, 0 warnings, 0 infos new, 4 baselined$/
}
// without -T the last module in reactor order prints it
def serial = builds[2].readLines()
assert serial.findIndexOf { it.contains('reactor total') } > serial.findIndexOf { it.contains('Building web') }
return true
