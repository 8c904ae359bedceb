/** What an agent pastes into agent assist in the desk tests (written for these tests). */

/** `openssl s_client -starttls smtp` against a server that sends its own certificate only. */
export const OPENSSL_WITHOUT_INTERMEDIATES = `CONNECTED(00000003)
depth=0 CN = smtp01.woodgrove.com
verify error:num=20:unable to get local issuer certificate
verify return:1
depth=0 CN = smtp01.woodgrove.com
verify error:num=21:unable to verify the first certificate
verify return:1
---
Certificate chain
 0 s:CN = smtp01.woodgrove.com
   i:C = US, O = DigiCert Inc, CN = DigiCert Global G2 TLS RSA SHA256 2020 CA1
---
Server certificate
subject=CN = smtp01.woodgrove.com
issuer=C = US, O = DigiCert Inc, CN = DigiCert Global G2 TLS RSA SHA256 2020 CA1
---
SSL handshake has read 2345 bytes and written 456 bytes
Verification error: unable to verify the first certificate
---
New, TLSv1.2, Cipher is ECDHE-RSA-AES256-GCM-SHA384
    Verify return code: 21 (unable to verify the first certificate)
`;
