package dev.mapiagent.agent;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.mapiagent.agent.host.windows.CredentialRecords;
import dev.mapiagent.agent.host.windows.FixedFileVersion;
import dev.mapiagent.agent.host.windows.MachineIdentity;
import dev.mapiagent.agent.host.windows.ProcessImages;
import dev.mapiagent.agent.host.windows.Win32ErrorText;
import dev.mapiagent.agent.host.windows.WindowsHost;

/**
 * The package boundaries of DESIGN.md §2, over the production classes of the agent and the modules it
 * depends on.
 *
 * <p>The one way into the Windows host is {@link WindowsHost#create()}, called by the CLI: it checks the
 * OS itself, so nothing else needs to know about JNA or Windows.
 */
@AnalyzeClasses(packages = "dev.mapiagent", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String WINDOWS = "dev.mapiagent.agent.host.windows..";

    @ArchTest
    static final ArchRule onlyTheWindowsHostUsesJna = noClasses()
            .that().resideOutsideOfPackage(WINDOWS)
            .should().dependOnClassesThat().resideInAPackage("com.sun.jna..")
            .because("JNA types must not cross agent.host.windows");

    @ArchTest
    static final ArchRule logicTestedOnLinuxIsJnaFree = noClasses()
            .that().belongToAnyOf(ProcessImages.class, CredentialRecords.class, Win32ErrorText.class,
                    MachineIdentity.class, FixedFileVersion.class)
            .should().dependOnClassesThat().resideInAPackage("com.sun.jna..")
            .because("these classes carry the Windows host's logic and are tested off Windows");

    @ArchTest
    static final ArchRule portsDependOnNothingElseOfTheAgent = noClasses()
            .that().resideInAPackage("dev.mapiagent.agent.host")
            .should().dependOnClassesThat(resideInAPackage("dev.mapiagent.agent..")
                    .and(not(resideInAPackage("dev.mapiagent.agent.host"))))
            .because("the host ports are what every other package builds on");

    @ArchTest
    static final ArchRule onlyTheCliReachesTheWindowsHost = noClasses()
            .that().resideOutsideOfPackages(WINDOWS, "dev.mapiagent.agent.cli..")
            .should().dependOnClassesThat().resideInAPackage(WINDOWS)
            .because("diagnosis and heal work on the ports, live or snapshot alike");

    @ArchTest
    static final ArchRule theCliReachesTheWindowsHostOnlyThroughWindowsHost = noClasses()
            .that().resideInAPackage("dev.mapiagent.agent.cli..")
            .should().dependOnClassesThat(resideInAPackage(WINDOWS).and(not(equivalentTo(WindowsHost.class))))
            .because("WindowsHost.create() is the single entry point");

    @ArchTest
    static final ArchRule outlookParsersDoNotKnowTheAgent = noClasses()
            .that().resideInAPackage("dev.mapiagent.outlook..")
            .should().dependOnClassesThat().resideInAPackage("dev.mapiagent.agent..")
            .allowEmptyShould(true) // the outlook module may still be empty while it is being written
            .because("the parsers are pure and shared");
}
