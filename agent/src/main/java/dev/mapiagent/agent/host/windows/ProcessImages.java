package dev.mapiagent.agent.host.windows;

/** What the full path of a process's program says about it. JNA-free. */
public final class ProcessImages {

    private ProcessImages() {
    }

    /**
     * Whether the program at {@code fullPath} (QueryFullProcessImageName's answer) is the one listed as
     * {@code imageName} (Toolhelp's file name): a process id freed by Outlook may already run something else.
     */
    public static boolean sameProgram(String fullPath, String imageName) {
        String fileName = fullPath.substring(Math.max(fullPath.lastIndexOf('\\'), fullPath.lastIndexOf('/')) + 1);
        return fileName.equalsIgnoreCase(imageName);
    }
}
