package dev.mapiagent.collector.directory;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import dev.mapiagent.collector.auth.Role;
import dev.mapiagent.collector.config.OidcConfig;
import dev.mapiagent.collector.error.NotAuthenticatedException;
import dev.mapiagent.collector.error.RefusedException;
import dev.mapiagent.collector.error.UnavailableException;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Signs a user in through an OpenID Connect provider: the authorization-code flow with PKCE (RFC 7636), the
 * provider's endpoints and keys found through issuer discovery, and the ID token checked for signature, issuer,
 * audience, expiry and nonce before its groups or roles claim is mapped to a collector role.
 */
public final class OidcProvider {

    /** Entra ID, ADFS and Keycloak sign ID tokens with RS256 unless told otherwise. */
    static final JWSAlgorithm ID_TOKEN_ALGORITHM = JWSAlgorithm.RS256;
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** Claims naming the user, in the order they are tried: Entra ID and Keycloak set preferred_username. */
    static final List<String> NAME_CLAIMS = List.of("preferred_username", "upn", "email", "sub");

    private final OidcConfig config;
    private final ClientID clientId;
    private final RoleMapping roles;
    private volatile Discovered discovered;

    /** The provider's metadata and the validator built from its keys, read on first use (the provider may be down at start). */
    private record Discovered(OIDCProviderMetadata metadata, IDTokenValidator validator) {
    }

    public OidcProvider(OidcConfig config) {
        this.config = config;
        this.clientId = new ClientID(config.clientId());
        this.roles = new RoleMapping(config.claimRoles(), UnaryOperator.identity());
    }

    /**
     * A sign-in to start: where to send the browser, and what must be kept until it comes back (state, nonce,
     * PKCE code verifier).
     */
    public record Start(URI authorizationUri, String state, String nonce, String codeVerifier) {
    }

    public Start begin() {
        State state = new State();
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        AuthenticationRequest request = new AuthenticationRequest.Builder(ResponseType.CODE,
                new Scope("openid", "profile", "email"), clientId, config.redirectUri())
                .endpointURI(discovered().metadata().getAuthorizationEndpointURI())
                .state(state)
                .nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256)
                .build();
        return new Start(request.toURI(), state.getValue(), nonce.getValue(), verifier.getValue());
    }

    /** Trades the authorization code for tokens and returns the user the ID token names. */
    public DirectoryUser finish(String code, String nonce, String codeVerifier) {
        Discovered provider = discovered();
        AuthorizationCodeGrant grant = new AuthorizationCodeGrant(new AuthorizationCode(code), config.redirectUri(),
                new CodeVerifier(codeVerifier));
        URI tokenEndpoint = provider.metadata().getTokenEndpointURI();
        TokenRequest request = config.clientSecret() == null
                ? new TokenRequest(tokenEndpoint, clientId, grant, null)
                : new TokenRequest(tokenEndpoint, new ClientSecretBasic(clientId, new Secret(config.clientSecret().reveal())), grant);
        HTTPRequest http = request.toHTTPRequest();
        http.setConnectTimeout((int) TIMEOUT.toMillis());
        http.setReadTimeout((int) TIMEOUT.toMillis());
        TokenResponse response;
        try {
            response = OIDCTokenResponseParser.parse(http.send());
        } catch (IOException e) {
            throw new UnavailableException("OpenID provider unavailable", "the token endpoint did not answer: " + e.getMessage());
        } catch (ParseException e) {
            throw new NotAuthenticatedException("the OpenID provider's token answer is unusable: " + e.getMessage());
        }
        if (!response.indicatesSuccess()) {
            TokenErrorResponse error = response.toErrorResponse();
            throw new NotAuthenticatedException("the OpenID provider refused the sign-in: "
                    + (error.getErrorObject() == null ? "no reason given" : error.getErrorObject().getCode()));
        }
        JWT idToken = ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens().getIDToken();
        return user(idToken, nonce);
    }

    /** Checks the ID token (signature, iss, aud, exp, iat, nonce) and maps its groups or roles claim to a role. */
    DirectoryUser user(JWT idToken, String nonce) {
        IDTokenClaimsSet claims;
        try {
            claims = discovered().validator().validate(idToken, new Nonce(nonce));
        } catch (BadJOSEException | JOSEException e) {
            throw new NotAuthenticatedException("ID token refused: " + e.getMessage());
        }
        List<String> groups = claims.getStringListClaim(config.rolesClaim());
        if (groups == null) {
            String single = claims.getStringClaim(config.rolesClaim());
            groups = single == null ? List.of() : List.of(single);
        }
        Role role = roles.highest(groups).orElseThrow(() -> new RefusedException("no collector role",
                "the ID token's " + config.rolesClaim() + " claim names none of the values mapped to viewer, helpdesk or admin"));
        String name = NAME_CLAIMS.stream().map(claims::getStringClaim).filter(v -> v != null && !v.isBlank())
                .findFirst().orElseThrow();
        return new DirectoryUser("oidc:" + name, role);
    }

    private Discovered discovered() {
        Discovered known = discovered;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (discovered == null) {
                discovered = discover();
            }
            return discovered;
        }
    }

    private Discovered discover() {
        int timeout = (int) TIMEOUT.toMillis();
        try {
            OIDCProviderMetadata metadata = OIDCProviderMetadata.resolve(new Issuer(config.issuer()), timeout, timeout);
            IDTokenValidator validator = new IDTokenValidator(metadata.getIssuer(), clientId, ID_TOKEN_ALGORITHM,
                    metadata.getJWKSetURI().toURL(), new DefaultResourceRetriever(timeout, timeout, 512 * 1024));
            return new Discovered(metadata, validator);
        } catch (GeneralException | IOException e) {
            throw new UnavailableException("OpenID provider unavailable",
                    "discovery at " + config.issuer() + " failed: " + e.getMessage());
        }
    }
}
