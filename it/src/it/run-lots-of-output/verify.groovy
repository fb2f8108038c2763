import groovy.json.JsonSlurper

def lines = new File(basedir, 'build.log').readLines('UTF-8')
def report = new JsonSlurper().parse(new File(basedir, 'target/threadguard/run-report.json'))
assert report.verdict == 'pass'

def out = lines.findAll { it.contains('[app] out-') }
def err = lines.findAll { it.contains('[app] err-') }
assert out.size() == 20_001 : "stdout lines: ${out.size()}"
assert err.size() == 5_000 : "stderr lines: ${err.size()}"
// in order, none lost, encoding intact
def numbers = out.findAll { !it.endsWith('out-last') }.collect { (it =~ /out-(\d+) /)[0][1] as int }
assert numbers == (1..20_000).toList()
assert out[0].endsWith('[app] out-1 caf\u00e9 \u2713')
assert out[-1].endsWith('[app] out-last')
assert err.collect { (it =~ /err-(\d+)/)[0][1] as int } == (1..5_000).toList()
return true
