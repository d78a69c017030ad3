package org.example.virtsimilarity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The man page and {@code --help} document the same options, and every option the parser takes. */
class ManPageTest {
    private static final Path MAN_PAGE = Path.of("../docs/virt-similarity.1");

    @Test
    void theManPageAndHelpNameTheSameOptions() throws Exception {
        // an option's entry is the line after .TP, its dashes escaped
        String page = Files.readString(MAN_PAGE).replace("\\-", "-");

        assertThat(options(page, "^\\.TP\\n\\.B[IR]? (?:-[a-zA-Z] \", \" )?(--[a-z-]+)"))
                .isEqualTo(options(Arguments.USAGE, "^ {2}(?:-[a-zA-Z], )?(--[a-z-]+)"))
                .hasSizeGreaterThan(15);
    }

    @Test
    void everyOptionInHelpIsOneTheParserTakes() {
        for (String option : options(Arguments.USAGE, "^ {2}(?:-[a-zA-Z], )?(--[a-z-]+)")) {
            // an option the parser does not know is refused as unknown; one it knows fails for another reason or not
            String message;
            try {
                Arguments.parse(option, "1", "a.img", "b.img");
                message = "";
            } catch (Arguments.UsageException e) {
                message = e.getMessage();
            }
            assertThat(message).as(option).doesNotStartWith("unknown option");
        }
    }

    private static Set<String> options(String text, String regex) {
        Set<String> options = new TreeSet<>();
        Matcher matcher = Pattern.compile(regex, Pattern.MULTILINE).matcher(text);
        while (matcher.find()) {
            options.add(matcher.group(1));
        }
        return options;
    }
}
