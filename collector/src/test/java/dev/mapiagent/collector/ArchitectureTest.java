package dev.mapiagent.collector;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The collector's package directions (DESIGN.md §2): {@code api} above {@code service} above {@code db}, with the
 * leaves {@code auth}, {@code config}, {@code error} and {@code metrics} beside them, {@code directory} (the LDAP and
 * OpenID Connect clients) between the services and those leaves, and the entry point (the
 * root package) wiring them together. No cycle between any two packages.
 */
@AnalyzeClasses(packages = "dev.mapiagent.collector", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String ROOT = "dev.mapiagent.collector";

    @ArchTest
    static final ArchRule packagesPointOneWay = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("entry point").definedBy(ROOT)
            .layer("api").definedBy(ROOT + ".api..")
            .layer("service").definedBy(ROOT + ".service..")
            .layer("db").definedBy(ROOT + ".db..")
            .layer("directory").definedBy(ROOT + ".directory..")
            .layer("auth").definedBy(ROOT + ".auth..")
            .layer("config").definedBy(ROOT + ".config..")
            .layer("error").definedBy(ROOT + ".error..")
            .layer("metrics").definedBy(ROOT + ".metrics..")
            .whereLayer("entry point").mayNotBeAccessedByAnyLayer()
            .whereLayer("api").mayOnlyAccessLayers("service", "auth", "error", "metrics")
            .whereLayer("service").mayOnlyAccessLayers("db", "directory", "auth", "config", "error", "metrics")
            .whereLayer("directory").mayOnlyAccessLayers("auth", "config", "error")
            .whereLayer("db").mayNotAccessAnyLayer()
            .whereLayer("auth").mayNotAccessAnyLayer()
            .whereLayer("config").mayNotAccessAnyLayer()
            .whereLayer("error").mayNotAccessAnyLayer()
            .whereLayer("metrics").mayNotAccessAnyLayer()
            .because("routes call services, services call the database, and the leaves know none of them");

    @ArchTest
    static final ArchRule noCycleBetweenPackages = slices().matching(ROOT + ".(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule servicesKnowNothingOfHttp = noClasses()
            .that().resideInAnyPackage(ROOT + ".service..", ROOT + ".db..", ROOT + ".directory..", ROOT + ".error..", ROOT + ".metrics..")
            .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "org.eclipse.jetty..")
            .because("services throw domain exceptions (error) and api alone turns them into HTTP answers");
}
