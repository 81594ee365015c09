package dev.mapiagent.agent;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.syntax.elements.GivenClassesConjunction;
import dev.mapiagent.agent.host.windows.CredentialRecords;
import dev.mapiagent.agent.host.windows.FixedFileVersion;
import dev.mapiagent.agent.host.windows.MachineIdentity;
import dev.mapiagent.agent.host.windows.ProcessImages;
import dev.mapiagent.agent.host.windows.Win32ErrorText;
import dev.mapiagent.agent.host.windows.WindowsHost;
import java.util.Arrays;

/**
 * The package boundaries of DESIGN.md §2, over the production classes of the agent and the modules it
 * depends on.
 *
 * <p>The one way into the Windows host is {@link WindowsHost#create()}, called by the CLI: it checks the
 * OS itself, so nothing else needs to know about JNA or Windows. Beside it, the CLI takes Windows' random
 * source from {@link WindowsHost#randomSource()} on Windows, for a snapshot too.
 */
@AnalyzeClasses(packages = "dev.mapiagent", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String AGENT = "dev.mapiagent.agent.";
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
            .because("the parsers are pure and shared");

    @ArchTest
    static final ArchRule outlookParsersImportOnlyTheProtocol = noClasses()
            .that().resideInAPackage("dev.mapiagent.outlook..")
            .should().dependOnClassesThat(resideInAPackage("dev.mapiagent..")
                    .and(not(resideInAnyPackage("dev.mapiagent.outlook..", "dev.mapiagent.protocol.."))))
            .because("the outlook module may import protocol only");

    @ArchTest
    static final ArchRule diagnosisImportsOnlyTheHostPorts = agentClassesIn("diagnosis..")
            .should().dependOnClassesThat(agentOutside("diagnosis..", "host"))
            .because("diagnosis reads the PC through the host ports and knows nothing of heals, runs or the CLI");

    @ArchTest
    static final ArchRule healImportsOnlyDiagnosisAndTheHostPorts = agentClassesIn("heal..")
            .should().dependOnClassesThat(agentOutside("heal..", "diagnosis..", "host"))
            .because("a heal diagnoses and acts through the host ports");

    @ArchTest
    static final ArchRule theSnapshotHostImportsOnlyTheHostPorts = agentClassesIn("host.snapshot..")
            .should().dependOnClassesThat(agentOutside("host.snapshot..", "host"))
            .because("a snapshot is one implementation of the host ports");

    @ArchTest
    static final ArchRule theWindowsHostImportsOnlyTheHostPorts = agentClassesIn("host.windows..")
            .should().dependOnClassesThat(agentOutside("host.windows..", "host"))
            .because("the Windows host is one implementation of the host ports");

    @ArchTest
    static final ArchRule theCollectorClientImportsOnlyTheHostPorts = agentClassesIn("collector..")
            .should().dependOnClassesThat(agentOutside("collector..", "host"))
            .because("the collector client speaks the protocol over HttpClient and reaches the PC through the host ports");

    @ArchTest
    static final ArchRule theRunImportsEverythingButTheCli = agentClassesIn("run..")
            .should().dependOnClassesThat(resideInAPackage(AGENT + "cli.."))
            .because("the CLI is the composition root above the run");

    @ArchTest
    static final ArchRule noCycleBetweenPackages = slices()
            .matching("dev.mapiagent.(**)")
            .should().beFreeOfCycles();

    private static GivenClassesConjunction agentClassesIn(String pkg) {
        return noClasses().that().resideInAPackage(AGENT + pkg);
    }

    /** An agent class outside the given packages ({@code host} alone is the ports' own package). */
    private static DescribedPredicate<JavaClass> agentOutside(String... packages) {
        String[] full = Arrays.stream(packages).map(p -> AGENT + p).toArray(String[]::new);
        return resideInAPackage("dev.mapiagent.agent..").and(not(resideInAnyPackage(full)));
    }
}
