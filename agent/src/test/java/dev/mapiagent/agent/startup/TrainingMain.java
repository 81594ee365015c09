package dev.mapiagent.agent.startup;

import java.time.LocalDate;
import java.util.TreeMap;

/**
 * Stands in for the agent's diagnosis in a dumping JVM: loads a few classes, or hangs when asked; "old"
 * also loads a class compiled for Java 5, as picocli's are.
 */
public final class TrainingMain {

    private TrainingMain() {
    }

    public static void main(String[] args) throws InterruptedException, ClassNotFoundException {
        if (args.length > 0 && args[0].equals("hang")) {
            Thread.sleep(Long.MAX_VALUE);
        }
        if (args.length > 0 && args[0].equals("old")) {
            Class.forName(OldClassFile.NAME);
        }
        System.out.println(LocalDate.now() + " " + new TreeMap<>(System.getenv()).size());
    }
}
