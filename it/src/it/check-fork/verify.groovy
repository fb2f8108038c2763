import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('threadguard: many files changed since the last run; analysing them in a JVM of its own') :
        'the analysis did not fork'
assert !log.contains('the analysis JVM failed')
assert log.contains('threadguard: 240 files analysed in')
// thread-in-loop in Gen000, 040, .., 200 (6 errors); unbounded-executor in Gen000, 060, 120, 180 (4 warnings)
assert log.contains('6 errors, 4 warnings, 0 infos')

def expected = []
(0..<240).step(40) { expected << "thread-in-loop@${String.format('Gen%03d', it)}.java:13:29:error" }
(0..<240).step(60) { expected << "unbounded-executor@${String.format('Gen%03d', it)}.java:${it % 40 == 0 ? 18 : 12}:16:warning" }

def sarif = new JsonSlurper().parse(new File(basedir, 'target/threadguard/threadguard.sarif'))
def results = sarif.runs[0].results.collect { r ->
    def loc = r.locations[0].physicalLocation
    "${r.ruleId}@${loc.artifactLocation.uri.tokenize('/').last()}:${loc.region.startLine}:${loc.region.startColumn}:${r.level}"
}
assert results.sort() == expected.sort() : results
expected.each { finding ->
    def (rule, place) = finding.tokenize('@')
    def (file, line, column, level) = place.tokenize(':')
    assert log.contains("src/main/java/com/acme/gen/${file}:${line}:${column}: ${level} [${rule}]") : finding
}
return true
