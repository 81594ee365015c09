/**
 * The live Windows host: the only package that touches JNA ({@code com.sun.jna..}).
 *
 * <p>Classes that call Windows stay thin (OSHI's driver layer is the model); whatever can be decided
 * without a native call lives in a JNA-free class, of {@code agent.host} ({@link
 * dev.mapiagent.agent.host.RegistryData}, {@link dev.mapiagent.agent.host.ExecutionContext}) or of this package
 * ({@link dev.mapiagent.agent.host.windows.ProcessImages}, {@link dev.mapiagent.agent.host.windows.CredentialRecords},
 * {@link dev.mapiagent.agent.host.windows.Win32ErrorText}, {@link
 * dev.mapiagent.agent.host.windows.MachineIdentity}, {@link dev.mapiagent.agent.host.windows.FixedFileVersion})
 * and is tested on Linux. The rest of the agent reaches
 * this package through {@link dev.mapiagent.agent.host.windows.WindowsHost#create()} only.
 */
package dev.mapiagent.agent.host.windows;
