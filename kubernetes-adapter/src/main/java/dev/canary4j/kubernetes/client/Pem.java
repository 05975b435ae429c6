package dev.canary4j.kubernetes.client;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PEM certificates and private keys as kubeconfigs carry them.
 *
 * <p>Keys: PKCS#8 ({@code PRIVATE KEY}, RSA or EC), PKCS#1 ({@code RSA PRIVATE KEY}) and SEC1
 * ({@code EC PRIVATE KEY}); encrypted keys are not supported (kubeconfigs never hold them).
 */
final class Pem {

  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
  private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
      (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
  private static final byte[] EC_PUBLIC_KEY_OID = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};

  private Pem() {}

  /** The certificates in {@code pem}; {@code what} names the source in errors. */
  static List<X509Certificate> certificates(String pem, String what) {
    List<X509Certificate> certs = new ArrayList<>();
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      Matcher m = BLOCK.matcher(pem);
      while (m.find()) {
        if (m.group(1).equals("CERTIFICATE")) {
          certs.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(decode(m.group(2)))));
        }
      }
    } catch (CertificateException | IllegalArgumentException e) {
      throw new IllegalArgumentException(what + ": not a valid PEM certificate (" + e.getMessage() + ")", e);
    }
    if (certs.isEmpty()) {
      throw new IllegalArgumentException(what + ": expected at least one PEM 'CERTIFICATE' block but found none");
    }
    return certs;
  }

  /** The first private key in {@code pem}; {@code what} names the source in errors. */
  static PrivateKey privateKey(String pem, String what) {
    Matcher m = BLOCK.matcher(pem);
    while (m.find()) {
      String type = m.group(1);
      byte[] der = decode(m.group(2));
      try {
        switch (type) {
          case "PRIVATE KEY":
            return pkcs8(der, what);
          case "RSA PRIVATE KEY":
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(
                sequence(concat(new byte[] {0x02, 0x01, 0x00}, RSA_ALGORITHM, tlv(0x04, der)))));
          case "EC PRIVATE KEY":
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(sec1ToPkcs8(der, what)));
          case "ENCRYPTED PRIVATE KEY":
            throw new IllegalArgumentException(what + ": encrypted private keys are not supported; decrypt it first");
          default:
            break;
        }
      } catch (GeneralSecurityException e) {
        throw new IllegalArgumentException(what + ": cannot read the '" + type + "' block (" + e.getMessage() + ")", e);
      }
    }
    throw new IllegalArgumentException(what
        + ": expected a PEM 'PRIVATE KEY', 'RSA PRIVATE KEY' or 'EC PRIVATE KEY' block but found none");
  }

  private static PrivateKey pkcs8(byte[] der, String what) throws GeneralSecurityException {
    GeneralSecurityException first = null;
    for (String algorithm : new String[] {"RSA", "EC"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        first = first == null ? e : first;
      }
    }
    throw new IllegalArgumentException(what + ": PKCS#8 key is neither RSA nor EC", first);
  }

  /** SEC1 ECPrivateKey ::= SEQUENCE { version, privateKey OCTET STRING, [0] curve OID, [1] public key }. */
  private static byte[] sec1ToPkcs8(byte[] der, String what) {
    int[] seq = header(der, 0, 0x30, what);
    int i = seq[0];
    int end = seq[0] + seq[1];
    while (i < end) {
      int tag = der[i] & 0xff;
      int[] h = header(der, i, tag, what);
      if (tag == 0xa0) {
        byte[] curveOid = java.util.Arrays.copyOfRange(der, h[0], h[0] + h[1]);
        byte[] algorithm = sequence(concat(EC_PUBLIC_KEY_OID, curveOid));
        return sequence(concat(new byte[] {0x02, 0x01, 0x00}, algorithm, tlv(0x04, der)));
      }
      i = h[0] + h[1];
    }
    throw new IllegalArgumentException(what + ": EC PRIVATE KEY has no curve parameters; use PKCS#8 instead");
  }

  /** Returns {contentStart, contentLength} of the DER element at {@code at}, checking its tag. */
  private static int[] header(byte[] der, int at, int tag, String what) {
    if (at + 1 >= der.length || (der[at] & 0xff) != tag) {
      throw new IllegalArgumentException(what + ": malformed DER in EC PRIVATE KEY at byte " + at);
    }
    int len = der[at + 1] & 0xff;
    int start = at + 2;
    if (len > 0x80) {
      int n = len - 0x80;
      len = 0;
      for (int k = 0; k < n; k++) {
        len = (len << 8) | (der[start + k] & 0xff);
      }
      start += n;
    }
    return new int[] {start, len};
  }

  private static byte[] sequence(byte[] content) {
    return tlv(0x30, content);
  }

  private static byte[] tlv(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int len = content.length;
    if (len < 0x80) {
      out.write(len);
    } else {
      int bytes = len > 0xffffff ? 4 : len > 0xffff ? 3 : len > 0xff ? 2 : 1;
      out.write(0x80 | bytes);
      for (int k = bytes - 1; k >= 0; k--) {
        out.write((len >>> (8 * k)) & 0xff);
      }
    }
    out.writeBytes(content);
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private static byte[] decode(String base64) {
    return Base64.getMimeDecoder().decode(base64.replaceAll("\\s", ""));
  }
}
