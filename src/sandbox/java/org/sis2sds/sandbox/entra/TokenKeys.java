package org.sis2sds.sandbox.entra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;

/**
 * The signing key of the sandbox's Entra ID: RS256 JSON Web Tokens as Entra issues them, their verification, and
 * the JWKS document that publishes the public key ({@code kid} = {@code x5t}-style thumbprint of the modulus).
 */
final class TokenKeys {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder D64 = Base64.getUrlDecoder();
    private final ObjectMapper json = new ObjectMapper();
    private final KeyPair keys;
    private final String kid;

    TokenKeys() {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(2048);
            keys = gen.generateKeyPair();
            byte[] d = MessageDigest.getInstance("SHA-1").digest(((RSAPublicKey) keys.getPublic()).getModulus()
                    .toByteArray());
            kid = B64.encodeToString(d);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    String kid() {
        return kid;
    }

    /** {@code header.payload.signature} for these claims. */
    String sign(ObjectNode claims) {
        ObjectNode h = json.createObjectNode().put("typ", "JWT").put("alg", "RS256").put("x5t", kid).put("kid", kid);
        try {
            String input = B64.encodeToString(json.writeValueAsBytes(h)) + "." + B64.encodeToString(
                    json.writeValueAsBytes(claims));
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(keys.getPrivate());
            s.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + B64.encodeToString(s.sign());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The claims of a token signed by this key, or null when it is not a well-formed RS256 JWT signed here. */
    JsonNode verify(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return null;
        }
        try {
            JsonNode h = json.readTree(D64.decode(parts[0]));
            if (!"RS256".equals(h.path("alg").asText()) || !kid.equals(h.path("kid").asText())) {
                return null;
            }
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initVerify(keys.getPublic());
            s.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!s.verify(D64.decode(parts[2]))) {
                return null;
            }
            return json.readTree(D64.decode(parts[1]));
        } catch (IllegalArgumentException | IOException | GeneralSecurityException e) {
            return null;
        }
    }

    /** {@code {"keys":[{kty, use, kid, x5t, n, e}]}}. */
    ObjectNode jwks(String issuer) {
        RSAPublicKey pub = (RSAPublicKey) keys.getPublic();
        ObjectNode r = json.createObjectNode();
        r.putArray("keys").addObject().put("kty", "RSA").put("use", "sig").put("kid", kid).put("x5t", kid)
                .put("n", B64.encodeToString(unsigned(pub.getModulus())))
                .put("e", B64.encodeToString(unsigned(pub.getPublicExponent()))).put("issuer", issuer);
        return r;
    }

    private static byte[] unsigned(BigInteger v) {
        byte[] b = v.toByteArray();
        if (b.length > 1 && b[0] == 0) {
            byte[] t = new byte[b.length - 1];
            System.arraycopy(b, 1, t, 0, t.length);
            return t;
        }
        return b;
    }
}
