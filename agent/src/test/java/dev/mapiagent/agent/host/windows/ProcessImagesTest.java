package dev.mapiagent.agent.host.windows;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProcessImagesTest {

    @Test
    void thePathOfOutlookIsOutlook() {
        assertTrue(ProcessImages.sameProgram("C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE", "OUTLOOK.EXE"));
    }

    @Test
    void fileNamesCompareIgnoringCase() {
        assertTrue(ProcessImages.sameProgram("C:\\Program Files (x86)\\Microsoft Office\\Office15\\outlook.exe", "OUTLOOK.EXE"));
    }

    /** The id Outlook had, reused by another program, must not be asked to close. */
    @Test
    void anotherProgramUnderTheSameIdIsNotOutlook() {
        assertFalse(ProcessImages.sameProgram("C:\\Windows\\System32\\notepad.exe", "OUTLOOK.EXE"));
        assertFalse(ProcessImages.sameProgram("C:\\Tools\\OUTLOOK.EXE.bak", "OUTLOOK.EXE"));
    }
}
