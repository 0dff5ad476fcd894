package dev.cloudops;

import java.util.Arrays;
import java.util.stream.Stream;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The CloudOps K8s server: one API over many Kubernetes clusters. */
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
@EnableScheduling
public class CloudOpsApplication {

    public static void main(String[] args) {
        SpringApplication.run(CloudOpsApplication.class, expandShortcuts(args));
    }

    /** {@code --demo} is the one-word switch the README promises; it stands for the demo property. */
    static String[] expandShortcuts(String[] args) {
        return Arrays.stream(args)
                .flatMap(arg -> arg.equals("--demo") ? Stream.of("--cloudops.demo.enabled=true") : Stream.of(arg))
                .toArray(String[]::new);
    }
}
