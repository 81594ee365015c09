package dev.mapiagent.agent.diagnosis.probe;

import dev.mapiagent.protocol.Finding;
import dev.mapiagent.protocol.FindingCode;
import dev.mapiagent.protocol.Severity;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * Asks an Exchange server's MAPI virtual directory the two questions of the runbook, without credentials:
 * does {@code /mapi/healthcheck.htm} answer 200, and does {@code /mapi/emsmdb/} challenge with 401 offering
 * Negotiate, NTLM or Bearer. Each answer that is wrong becomes a {@code MAPI_ENDPOINT_*} finding naming
 * the likely cause. A gateway error (502, 504) counts as unreachable; other unexpected statuses are not
 * judged.
 */
public final class EndpointProber {

    static final String HEALTHCHECK = "/mapi/healthcheck.htm";
    static final String EMSMDB = "/mapi/emsmdb/";
    private static final Set<String> ACCEPTED_SCHEMES = Set.of("negotiate", "ntlm", "bearer");

    private final CloseableHttpClient http;

    /** The client must send no credentials and use short timeouts ({@code AgentHttp.client}). */
    public EndpointProber(CloseableHttpClient http) {
        this.http = http;
    }

    public List<Finding> probe(List<URI> origins) {
        List<Finding> findings = new ArrayList<>();
        for (URI origin : origins) {
            findings.addAll(probe(origin));
        }
        return findings;
    }

    public List<Finding> probe(URI origin) {
        URI health = origin.resolve(HEALTHCHECK);
        Answer healthAnswer = get(health);
        if (healthAnswer.failure() != null) {
            return List.of(healthAnswer.failure());
        }
        List<Finding> findings = new ArrayList<>();
        statusFinding(health, healthAnswer.status()).ifPresent(findings::add);

        URI emsmdb = origin.resolve(EMSMDB);
        Answer challenge = get(emsmdb);
        if (challenge.failure() != null) {
            findings.add(challenge.failure());
            return findings;
        }
        if (challenge.status() == 401 || challenge.status() == 200) {
            if (!offersAcceptedScheme(challenge.schemes())) {
                findings.add(Finding.of(FindingCode.MAPI_ENDPOINT_AUTH_SCHEMES, Severity.ERROR,
                        origin.getHost() + " answers the MAPI endpoint without offering Negotiate, NTLM or Bearer"
                                + " authentication: check the authentication of the MAPI virtual directory.",
                        "GET " + emsmdb + " -> HTTP " + challenge.status() + ", WWW-Authenticate: "
                                + (challenge.schemes().isEmpty() ? "(none)" : String.join(", ", challenge.schemes()))));
            }
        } else {
            statusFinding(emsmdb, challenge.status())
                    .filter(f -> findings.stream().noneMatch(seen -> seen.code().equals(f.code())))
                    .ifPresent(findings::add);
        }
        return findings;
    }

    private static Optional<Finding> statusFinding(URI uri, int status) {
        String evidence = "GET " + uri + " -> HTTP " + status;
        String host = uri.getHost();
        return Optional.ofNullable(switch (status) {
            case 503 -> Finding.of(FindingCode.MAPI_ENDPOINT_HTTP_503, Severity.ERROR,
                    host + " answers 503 on /mapi: the MSExchangeMapi application pool is probably stopped.", evidence);
            case 404 -> Finding.of(FindingCode.MAPI_ENDPOINT_HTTP_404, Severity.ERROR,
                    host + " answers 404 on /mapi: the MAPI virtual directory is missing or the load balancer path is wrong.",
                    evidence);
            case 502, 504 -> Finding.of(FindingCode.MAPI_ENDPOINT_UNREACHABLE, Severity.ERROR,
                    host + " answers a gateway error on /mapi: the load balancer cannot reach the Exchange server.", evidence);
            default -> null;
        });
    }

    private static boolean offersAcceptedScheme(List<String> schemes) {
        return schemes.stream().anyMatch(s -> ACCEPTED_SCHEMES.contains(s.toLowerCase(Locale.ROOT)));
    }

    private Answer get(URI uri) {
        HttpGet get = new HttpGet(uri);
        try {
            return http.execute(get, response -> {
                EntityUtils.consume(response.getEntity());
                List<String> schemes = new ArrayList<>();
                for (Header h : response.getHeaders("WWW-Authenticate")) {
                    // one header may carry several challenges: "Negotiate, NTLM" (no parameters) is common
                    Arrays.stream(h.getValue().split(",")).map(String::strip).filter(c -> !c.isEmpty())
                            .map(c -> c.split("\\s+", 2)[0]).filter(c -> !c.contains("=")).forEach(schemes::add);
                }
                return new Answer(response.getCode(), schemes, null);
            });
        } catch (SSLException e) {
            return new Answer(0, List.of(), Finding.of(FindingCode.MAPI_ENDPOINT_TLS_ERROR, Severity.ERROR,
                    "TLS to " + uri.getHost() + " fails: its certificate is not trusted here (expired, wrong name,"
                            + " unknown CA) or SSL inspection replaces it.",
                    "GET " + uri + ": " + e.getClass().getSimpleName() + " " + e.getMessage()));
        } catch (IOException e) {
            return new Answer(0, List.of(), Finding.of(FindingCode.MAPI_ENDPOINT_UNREACHABLE, Severity.ERROR,
                    uri.getHost() + " does not answer on /mapi: network, firewall, proxy or load balancer.",
                    "GET " + uri + ": " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage())));
        }
    }

    /** A status and the offered authentication schemes, or the finding that the request failed. */
    private record Answer(int status, List<String> schemes, Finding failure) {
    }
}
