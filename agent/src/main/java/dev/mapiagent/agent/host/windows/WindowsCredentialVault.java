package dev.mapiagent.agent.host.windows;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import dev.mapiagent.agent.host.CredentialType;
import dev.mapiagent.agent.host.CredentialVault;
import dev.mapiagent.agent.host.HostException;
import dev.mapiagent.agent.host.StoredCredential;
import java.util.ArrayList;
import java.util.List;

/**
 * The Credential Manager of the logon session the agent runs in. Only metadata is read: see
 * {@link CREDENTIAL#readMetadata()}.
 */
public final class WindowsCredentialVault implements CredentialVault {

    @Override
    public List<StoredCredential> list() {
        IntByReference Count = new IntByReference();
        PointerByReference Credential = new PointerByReference();
        if (!WinCred.INSTANCE.CredEnumerateW(null, 0, Count, Credential)) {
            int error = Native.getLastError();
            if (error == WinCred.ERROR_NOT_FOUND) {
                return List.of();
            }
            throw new HostException("could not list Windows credentials: " + Win32ErrorText.describe(error));
        }
        try {
            List<StoredCredential> found = new ArrayList<>();
            for (Pointer entry : Credential.getValue().getPointerArray(0, Count.getValue())) {
                CREDENTIAL c = new CREDENTIAL(entry).readMetadata();
                CredentialRecords.stored(c.TargetName, c.Type, c.UserName, c.Persist).ifPresent(found::add);
            }
            return found;
        } finally {
            WinCred.INSTANCE.CredFree(Credential.getValue());
        }
    }

    @Override
    public boolean delete(String target, CredentialType type) {
        if (WinCred.INSTANCE.CredDeleteW(target, type.win32(), 0)) {
            return true;
        }
        int error = Native.getLastError();
        if (error == WinCred.ERROR_NOT_FOUND) {
            return false;
        }
        throw new HostException("could not delete credential " + target + ": " + Win32ErrorText.describe(error));
    }
}
