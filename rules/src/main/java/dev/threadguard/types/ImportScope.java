package dev.threadguard.types;

import java.util.List;
import java.util.Map;

/**
 * Resolves the type names written in one source file to qualified names, the way javac does it without a
 * classpath: types declared in the file, then single-type imports, then the file's own package, then on-demand
 * imports, then {@code java.lang}. Only types the project declares or {@link KnownTypes} knows count as found; an
 * unresolved simple name is assumed to live in the file's own package, which never matches a JDK type.
 */
public final class ImportScope {
    private final String packageName;
    private final Map<String, String> singleTypeImports;
    private final List<String> onDemandImports;
    private final Map<String, String> staticMemberImports;
    private final List<String> staticOnDemandImports;
    private final Map<String, String> fileTypes;

    /**
     * @param packageName          the file's package, empty for the default package
     * @param singleTypeImports    simple name to qualified name, from {@code import a.b.C;}
     * @param onDemandImports      packages or types imported with {@code .*}
     * @param staticMemberImports  member name to owner type, from {@code import static a.b.C.m;}
     * @param staticOnDemandImports owner types imported with {@code import static a.b.C.*;}
     * @param fileTypes            simple name to qualified name of the types declared in the file itself
     */
    public ImportScope(String packageName, Map<String, String> singleTypeImports, List<String> onDemandImports,
                       Map<String, String> staticMemberImports, List<String> staticOnDemandImports,
                       Map<String, String> fileTypes) {
        this.packageName = packageName;
        this.singleTypeImports = singleTypeImports;
        this.onDemandImports = onDemandImports;
        this.staticMemberImports = staticMemberImports;
        this.staticOnDemandImports = staticOnDemandImports;
        this.fileTypes = fileTypes;
    }

    public String packageName() {
        return packageName;
    }

    /**
     * The qualified name of a type written as {@code written} (simple, qualified or nested, without type arguments).
     * Never null: an unresolved name is qualified with the file's package.
     */
    public String resolve(String written, TypeLookup project) {
        int dot = written.indexOf('.');
        String first = dot < 0 ? written : written.substring(0, dot);
        String resolvedFirst = resolveSimple(first, project);
        if (dot < 0) {
            return resolvedFirst != null ? resolvedFirst : qualify(first);
        }
        // Outer.Inner resolves through Outer; a lower-case first segment is a package name.
        return resolvedFirst != null ? resolvedFirst + written.substring(dot) : written;
    }

    /** The qualified name of a simple type name, or null when neither the project nor the JDK table knows it. */
    public String resolveSimple(String simpleName, TypeLookup project) {
        String declared = fileTypes.get(simpleName);
        if (declared != null) {
            return declared;
        }
        String imported = singleTypeImports.get(simpleName);
        if (imported != null) {
            return imported;
        }
        String samePackage = qualify(simpleName);
        if (project.exists(samePackage)) {
            return samePackage;
        }
        for (String onDemand : onDemandImports) {
            String candidate = onDemand + '.' + simpleName;
            if (project.exists(candidate) || KnownTypes.isKnown(candidate)) {
                return candidate;
            }
        }
        String javaLang = "java.lang." + simpleName;
        return KnownTypes.isKnown(javaLang) ? javaLang : null;
    }

    /** The type a statically imported member {@code name} belongs to, or null when no static import names it. */
    public String staticImportOwner(String memberName) {
        String owner = staticMemberImports.get(memberName);
        if (owner != null) {
            return owner;
        }
        // Only owners whose members we know can be told apart; the first known one wins, as javac would reject
        // an ambiguous use anyway.
        for (String candidate : staticOnDemandImports) {
            if (KnownTypes.isKnown(candidate) && KnownTypes.declaredReturnType(candidate, memberName) != null) {
                return candidate;
            }
        }
        return null;
    }

    /** The type named by {@code import static a.b.C.member;} for that member, or null: no single static import. */
    public String singleStaticImportOwner(String memberName) {
        return staticMemberImports.get(memberName);
    }

    /** The types whose static members {@code import static a.b.C.*;} imports. */
    public List<String> staticOnDemandOwners() {
        return staticOnDemandImports;
    }

    /** Whether any on-demand static import exists, so an unqualified name may be a static member. */
    public boolean hasStaticImports() {
        return !staticMemberImports.isEmpty() || !staticOnDemandImports.isEmpty();
    }

    private String qualify(String simpleName) {
        return packageName.isEmpty() ? simpleName : packageName + '.' + simpleName;
    }
}
