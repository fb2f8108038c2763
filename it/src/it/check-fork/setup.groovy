// 240 files, so that check runs the analysis in a JVM of its own (from 200 changed files on): most are plain
// classes, every 40th starts a thread per job in a loop, every 60th creates an unbounded pool. Generated here, so
// the repository holds one template instead of 240 files.
def dir = new File(basedir, 'src/main/java/com/acme/gen')
dir.mkdirs()
240.times { i ->
    def name = String.format('Gen%03d', i)
    def body = new StringBuilder()
    body << "package com.acme.gen;\n\n"
    body << "import java.util.List;\n"
    body << "import java.util.concurrent.Executors;\n\n"
    body << "public class ${name} {\n"
    body << "    public int value(int x) {\n"
    body << "        return x * ${i};\n"
    body << "    }\n"
    if (i % 40 == 0) {
        body << "\n    public void each(List<Runnable> jobs) {\n"
        body << "        for (Runnable job : jobs) {\n"
        body << "            new Thread(job).start();\n"
        body << "        }\n"
        body << "    }\n"
    }
    if (i % 60 == 0) {
        body << "\n    Object pool() {\n"
        body << "        return Executors.newCachedThreadPool();\n"
        body << "    }\n"
    }
    body << "}\n"
    new File(dir, "${name}.java").text = body.toString()
}
return true
