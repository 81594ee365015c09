package dev.mapiagent.agent.host.windows;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;
import com.sun.jna.platform.win32.WinBase.FILETIME;
import com.sun.jna.win32.W32APITypeMapper;

/**
 * {@code CREDENTIALW} from wincred.h, fields in Microsoft's order and spelling.
 *
 * <p>A top-level class with its type mapper given explicitly, not nested in {@link WinCred}: JNA takes a
 * nested structure's options from the enclosing library, which would load Advapi32 and make the layout
 * untestable off Windows. With the mapper given here the layout is computed on any OS.
 *
 * <p>CredentialBlob holds the secret. It is mapped only to keep the layout right: {@link #readMetadata()}
 * reads the four fields the agent needs and never touches the blob.
 */
@FieldOrder({"Flags", "Type", "TargetName", "Comment", "LastWritten", "CredentialBlobSize", "CredentialBlob",
        "Persist", "AttributeCount", "Attributes", "TargetAlias", "UserName"})
public class CREDENTIAL extends Structure {

    public int Flags;
    public int Type;
    public String TargetName;
    public String Comment;
    public FILETIME LastWritten;
    public int CredentialBlobSize;
    public Pointer CredentialBlob;
    public int Persist;
    public int AttributeCount;
    public Pointer Attributes;
    public String TargetAlias;
    public String UserName;

    public CREDENTIAL() {
        super(ALIGN_DEFAULT, W32APITypeMapper.UNICODE);
    }

    /** A view of a CREDENTIALW that Windows allocated; nothing is read until asked. */
    public CREDENTIAL(Pointer memory) {
        super(memory, ALIGN_DEFAULT, W32APITypeMapper.UNICODE);
    }

    /** Reads TargetName, Type, UserName and Persist, and nothing else (above all not CredentialBlob). */
    public CREDENTIAL readMetadata() {
        readField("TargetName");
        readField("Type");
        readField("UserName");
        readField("Persist");
        return this;
    }
}
