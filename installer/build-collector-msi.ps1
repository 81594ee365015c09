# Builds installer\target\mapi-collector-<version>.msi on Windows: jdeps lists the Java modules the collector jar
# uses, jpackage (JDK 17, with WiX 3 on the PATH) makes the MSI with a trimmed runtime, and WinSW (a service
# wrapper, MIT licence) is put beside the launcher so that the collector can run as a Windows service.
#   powershell -File installer\build-collector-msi.ps1 -ProjectVersion 0.1.0-SNAPSHOT -CollectorJar collector\target\mapi-collector.jar -WinSW WinSW-x64.exe
param(
    [Parameter(Mandatory)] [string] $ProjectVersion,
    [Parameter(Mandatory)] [string] $CollectorJar,
    [Parameter(Mandatory)] [string] $WinSW,
    [string] $OutputDir = "$PSScriptRoot\target"
)
$ErrorActionPreference = 'Stop'

# An MSI ProductVersion is numbers only: 0.1.0-SNAPSHOT becomes 0.1.0.
$version = $ProjectVersion -replace '-.*$', ''
if ($version -notmatch '^\d+\.\d+\.\d+$') { throw "project version '$ProjectVersion' is not major.minor.patch" }
if (-not (Test-Path $CollectorJar)) { throw "collector jar not found: $CollectorJar (build the collector module first)" }
if (-not (Get-Command candle.exe -ErrorAction SilentlyContinue)) { throw 'WiX 3 (candle.exe, light.exe) is not on the PATH: jpackage of JDK 17 needs it' }

$work = Join-Path $OutputDir 'collector-msi-build'
if (Test-Path $work) { Remove-Item -Recurse -Force $work }
$payload = (New-Item -ItemType Directory -Force (Join-Path $work 'input')).FullName
Copy-Item $CollectorJar (Join-Path $payload 'mapi-collector.jar')
# WinSW finds its definition by its own name: mapi-collector-service.exe reads mapi-collector-service.xml.
Copy-Item $WinSW (Join-Path $payload 'mapi-collector-service.exe')
Copy-Item "$PSScriptRoot\src\windows\mapi-collector-service.xml" (Join-Path $payload 'mapi-collector-service.xml')

# Modules reached by name at run time, which jdeps cannot see: jdk.crypto.ec (EC keys, ECDHE for HTTPS),
# jdk.zipfs (Jetty serves the page's files out of the jar), jdk.unsupported (sun.misc.Unsafe, looked up reflectively).
$modules = (& jdeps --print-module-deps --ignore-missing-deps --multi-release 17 (Join-Path $payload 'mapi-collector.jar')).Trim()
if ($LASTEXITCODE -ne 0) { throw 'jdeps failed' }
$modules = "$modules,jdk.crypto.ec,jdk.zipfs,jdk.unsupported"
Write-Host "build-collector-msi: runtime modules $modules"

# --win-console: WinSW stops a console program with Ctrl+C, which the JVM turns into its shutdown hooks.
# The upgrade UUID is fixed so that a newer MSI replaces an installed one.
# The 20 ms pause goal keeps G1's young collections short next to the embedded database (see build-deb.sh).
& jpackage --type msi --name mapi-collector --dest $OutputDir `
    --input $payload --main-jar mapi-collector.jar --main-class dev.mapiagent.collector.Main `
    --app-version $version --vendor mapi-agent --description 'mapi-agent collector' `
    --add-modules $modules --win-console `
    --win-upgrade-uuid '5B0C3B52-8E1B-4C8E-9B52-6E1A9C7D2F41' `
    --java-options '-XX:+ExitOnOutOfMemoryError' --java-options '-Djava.awt.headless=true' `
    --java-options '-XX:MaxGCPauseMillis=20'
if ($LASTEXITCODE -ne 0) { throw 'jpackage failed' }
Remove-Item -Recurse -Force $work
Write-Host "build-collector-msi: $OutputDir\mapi-collector-$version.msi"
