/**
 * Every user-facing sentence of the certificate analysis, in German and English.
 * Code fills `{placeholders}`; it never builds sentences from pieces, so a translator
 * can reorder words freely.
 */
import type { Language, LocalizedText } from '../types';

const ACCEPTED_EN = 'Accepted: .cer/.crt/.der (DER or Base64/PEM), .pem bundles with several certificates, .p7b/.p7c (PKCS#7).';
const ACCEPTED_DE = 'Akzeptiert werden: .cer/.crt/.der (DER oder Base64/PEM), .pem-Dateien mit mehreren Zertifikaten, .p7b/.p7c (PKCS#7).';

const EXPORT_PUBLIC_EN =
  'Export the public certificate instead: Certificates MMC (Computer account) > Personal > Certificates > the certificate > All Tasks > Export > "No, do not export the private key" > "DER encoded binary X.509 (.CER)", or in PowerShell: Export-Certificate -Cert Cert:\\LocalMachine\\My\\<thumbprint> -FilePath C:\\temp\\server.cer';
const EXPORT_PUBLIC_DE =
  'Exportieren Sie stattdessen das öffentliche Zertifikat: Zertifikate-MMC (Computerkonto) > Eigene Zertifikate > Zertifikate > das Zertifikat > Alle Aufgaben > Exportieren > "Nein, privaten Schlüssel nicht exportieren" > "DER-codiert-binär X.509 (.CER)", oder in PowerShell: Export-Certificate -Cert Cert:\\LocalMachine\\My\\<Fingerabdruck> -FilePath C:\\temp\\server.cer';

export const catalogue = {
  // ---- file issues -------------------------------------------------------------------
  'file.empty': {
    en: 'The file {file} is empty (0 bytes). Please upload the certificate again. ' + ACCEPTED_EN,
    de: 'Die Datei {file} ist leer (0 Byte). Bitte laden Sie das Zertifikat erneut hoch. ' + ACCEPTED_DE,
  },
  'file.tooLarge': {
    en:
      'The file {file} is {size} large and was not read: certificate files may be at most {limit}. Upload only the certificate. ' +
      ACCEPTED_EN,
    de:
      'Die Datei {file} ist {size} groß und wurde nicht gelesen: Zertifikatsdateien dürfen höchstens {limit} groß sein. Laden Sie nur das Zertifikat hoch. ' +
      ACCEPTED_DE,
  },
  'file.setTooLarge': {
    en: 'The file {file} was skipped: all files of one upload may total at most {limit}.',
    de: 'Die Datei {file} wurde übersprungen: alle Dateien eines Uploads zusammen dürfen höchstens {limit} groß sein.',
  },
  'file.tooManyCertificates': {
    en: 'Only the first {limit} certificates were analysed; {file} would have added more.',
    de: 'Nur die ersten {limit} Zertifikate wurden ausgewertet; {file} hätte weitere hinzugefügt.',
  },
  'file.pfx': {
    en:
      '{file} is a PKCS#12 file (.pfx/.p12) and contains a private key. Never share a private key: the file was not opened and not stored. ' +
      EXPORT_PUBLIC_EN,
    de:
      '{file} ist eine PKCS#12-Datei (.pfx/.p12) und enthält einen privaten Schlüssel. Geben Sie private Schlüssel nie weiter: Die Datei wurde weder geöffnet noch gespeichert. ' +
      EXPORT_PUBLIC_DE,
  },
  'file.privateKeyOnly': {
    en: '{file} contains a private key. Never share a private key: it was not read, not stored and is not shown. ' + EXPORT_PUBLIC_EN,
    de:
      '{file} enthält einen privaten Schlüssel. Geben Sie private Schlüssel nie weiter: Er wurde weder gelesen noch gespeichert und wird nicht angezeigt. ' +
      EXPORT_PUBLIC_DE,
  },
  'file.privateKeyWithCertificates': {
    en:
      '{file} contains a private key next to {count} certificate(s). Never share a private key: the key was not read, not stored and is not shown; only the certificates were analysed. Next time upload the public certificate only. ' +
      EXPORT_PUBLIC_EN,
    de:
      '{file} enthält neben {count} Zertifikat(en) einen privaten Schlüssel. Geben Sie private Schlüssel nie weiter: Der Schlüssel wurde weder gelesen noch gespeichert und wird nicht angezeigt; ausgewertet wurden nur die Zertifikate. Laden Sie künftig nur das öffentliche Zertifikat hoch. ' +
      EXPORT_PUBLIC_DE,
  },
  'file.html': {
    en: '{file} is a web page (HTML), not a certificate; perhaps a sign-in or error page was saved instead of the download. ' + ACCEPTED_EN,
    de:
      '{file} ist eine Webseite (HTML), kein Zertifikat; vermutlich wurde eine Anmelde- oder Fehlerseite statt des Downloads gespeichert. ' +
      ACCEPTED_DE,
  },
  'file.csr': {
    en:
      '{file} is a certificate signing request (CSR), not the issued certificate. Upload the certificate your certificate authority returned. ' +
      ACCEPTED_EN,
    de:
      '{file} ist eine Zertifikatsanforderung (CSR), nicht das ausgestellte Zertifikat. Laden Sie das Zertifikat hoch, das Ihre Zertifizierungsstelle zurückgegeben hat. ' +
      ACCEPTED_DE,
  },
  'file.crl': {
    en: '{file} is a certificate revocation list (CRL), not a certificate. ' + ACCEPTED_EN,
    de: '{file} ist eine Sperrliste (CRL), kein Zertifikat. ' + ACCEPTED_DE,
  },
  'file.publicKey': {
    en: '{file} contains a bare public key, not a certificate. ' + ACCEPTED_EN,
    de: '{file} enthält nur einen öffentlichen Schlüssel, kein Zertifikat. ' + ACCEPTED_DE,
  },
  'file.brokenPem': {
    en:
      '{file} has PEM armour (-----BEGIN ...-----) that cannot be read: the BEGIN and END lines do not match, or the Base64 text between them is damaged. Copy the whole block again, including both lines. ' +
      ACCEPTED_EN,
    de:
      '{file} hat einen PEM-Rahmen (-----BEGIN ...-----), der sich nicht lesen lässt: Die BEGIN- und END-Zeilen passen nicht zusammen, oder der Base64-Text dazwischen ist beschädigt. Kopieren Sie den ganzen Block einschließlich beider Zeilen erneut. ' +
      ACCEPTED_DE,
  },
  'file.truncated': {
    en: '{file} starts like a certificate but is cut off or damaged, so it cannot be read. Export the certificate again (DER .cer) and upload the new file.',
    de: '{file} beginnt wie ein Zertifikat, ist aber abgeschnitten oder beschädigt und lässt sich nicht lesen. Exportieren Sie das Zertifikat erneut (DER .cer) und laden Sie die neue Datei hoch.',
  },
  'file.tooComplex': {
    en: '{file} contains a certificate that is too large or too deeply nested to analyse safely (for example tens of thousands of names). It was not analysed.',
    de: '{file} enthält ein Zertifikat, das zu groß oder zu tief verschachtelt ist, um es sicher auszuwerten (zum Beispiel Zehntausende Namen). Es wurde nicht ausgewertet.',
  },
  'file.emptyPkcs7': {
    en: '{file} is a PKCS#7 file without any certificate in it. ' + ACCEPTED_EN,
    de: '{file} ist eine PKCS#7-Datei ohne Zertifikat. ' + ACCEPTED_DE,
  },
  'file.text': {
    en:
      '{file} is text without a certificate in it. If it is a log or an error message, paste its content into the chat instead. ' +
      ACCEPTED_EN,
    de:
      '{file} ist Text ohne Zertifikat. Wenn es ein Protokoll oder eine Fehlermeldung ist, fügen Sie den Inhalt stattdessen in den Chat ein. ' +
      ACCEPTED_DE,
  },
  'file.unknown': {
    en: '{file} is not in a certificate format this bot can read. ' + ACCEPTED_EN,
    de: '{file} ist in keinem Zertifikatsformat, das dieser Bot lesen kann. ' + ACCEPTED_DE,
  },

  // ---- bounded analysis (hostile uploads) ------------------------------------------------
  'analysis.unusableKey': {
    en: '{file}: {count} certificate(s) have an RSA key that no certification authority issues (public exponent above 2^32 or modulus above 16,384 bits), so their key was not used to check any signature and they cannot be an issuer here: {subjects}.',
    de: '{file}: {count} Zertifikat(e) haben einen RSA-Schlüssel, den keine Zertifizierungsstelle ausstellt (öffentlicher Exponent über 2^32 oder Modulus über 16.384 Bit). Ihr Schlüssel wurde für keine Signaturprüfung verwendet, sie können hier also kein Aussteller sein: {subjects}.',
  },
  'analysis.checkLimit': {
    en: 'The upload has far more candidate issuers than a real chain needs: after {performed} signature checks (the limit per analysis) the chain of {count} certificate(s) was not checked to its end: {subjects}. Upload only the server certificate and its intermediate certificates.',
    de: 'Der Upload enthält weit mehr mögliche Aussteller, als eine echte Kette braucht: Nach {performed} Signaturprüfungen (dem Limit pro Auswertung) wurde die Kette von {count} Zertifikat(en) nicht bis zum Ende geprüft: {subjects}. Laden Sie nur das Serverzertifikat und seine Zwischenzertifikate hoch.',
  },
  'analysis.checkTime': {
    en: 'The signature checks took longer than the time allowed per analysis ({seconds} s): the chain of {count} certificate(s) was not checked to its end: {subjects}. Upload only the server certificate and its intermediate certificates.',
    de: 'Die Signaturprüfungen dauerten länger als die pro Auswertung erlaubte Zeit ({seconds} s): Die Kette von {count} Zertifikat(en) wurde nicht bis zum Ende geprüft: {subjects}. Laden Sie nur das Serverzertifikat und seine Zwischenzertifikate hoch.',
  },
  'analysis.stoppedTime': {
    en: 'The certificate analysis was stopped after {seconds} s, so these files were not analysed and not kept: {files}. Upload only the server certificate and its intermediate certificates.',
    de: 'Die Zertifikatsauswertung wurde nach {seconds} s abgebrochen; diese Dateien wurden daher weder ausgewertet noch gespeichert: {files}. Laden Sie nur das Serverzertifikat und seine Zwischenzertifikate hoch.',
  },
  'analysis.stoppedBusy': {
    en: 'Too many certificate analyses are running right now, so these files were not analysed and not kept: {files}. Please upload them again in a minute.',
    de: 'Gerade laufen zu viele Zertifikatsauswertungen; diese Dateien wurden daher weder ausgewertet noch gespeichert: {files}. Bitte laden Sie sie in einer Minute erneut hoch.',
  },
  'analysis.stoppedFailed': {
    en: 'The certificate analysis failed, so these files were not analysed and not kept: {files}. Check that they are certificate files and upload them again, or talk to a person.',
    de: 'Die Zertifikatsauswertung ist fehlgeschlagen; diese Dateien wurden daher weder ausgewertet noch gespeichert: {files}. Prüfen Sie, ob es Zertifikatsdateien sind, und laden Sie sie erneut hoch, oder wenden Sie sich an einen Menschen.',
  },

  // ---- report lines ------------------------------------------------------------------
  'report.summary': {
    en: '{count} certificate(s) read from {files} file(s).',
    de: '{count} Zertifikat(e) aus {files} Datei(en) gelesen.',
  },
  'report.none': {
    en: 'No certificate could be read from the files.',
    de: 'Aus den Dateien ließ sich kein Zertifikat lesen.',
  },
  'report.certificate': {
    en: '{subject}, issued by {issuer}. Thumbprint {thumbprint}, valid {notBefore} to {notAfter} (file {file}).',
    de: '{subject}, ausgestellt von {issuer}. Fingerabdruck {thumbprint}, gültig von {notBefore} bis {notAfter} (Datei {file}).',
  },
  'report.names': {
    en: 'Names in {subject}: {names}.',
    de: 'Namen in {subject}: {names}.',
  },
  'report.namesMore': {
    en: 'Names in {subject}: {names} and {more} more.',
    de: 'Namen in {subject}: {names} und {more} weitere.',
  },
  'chain.completePublic': {
    en: 'Chain of {subject}: complete up to the publicly trusted root {root}.',
    de: 'Kette von {subject}: vollständig bis zur öffentlich vertrauenswürdigen Stammzertifizierungsstelle {root}.',
  },
  'chain.incompleteWithUrl': {
    en: 'Chain of {subject}: incomplete. The issuing certificate {missing} was not supplied. Download it from {url} and import it into "Intermediate Certification Authorities" on the sending server: Exchange Online needs the server to send its intermediate certificates (KB 3212877).',
    de: 'Kette von {subject}: unvollständig. Das ausstellende Zertifikat {missing} fehlt. Laden Sie es von {url} herunter und importieren Sie es auf dem sendenden Server unter "Zwischenzertifizierungsstellen": Exchange Online braucht die Zwischenzertifikate vom Server (KB 3212877).',
  },
  'chain.incompleteNoUrl': {
    en: 'Chain of {subject}: incomplete. The issuing certificate {missing} was not supplied and the certificate names no download address; get it from your certificate authority and import it into "Intermediate Certification Authorities" on the sending server (KB 3212877).',
    de: 'Kette von {subject}: unvollständig. Das ausstellende Zertifikat {missing} fehlt, und das Zertifikat nennt keine Download-Adresse; besorgen Sie es bei Ihrer Zertifizierungsstelle und importieren Sie es auf dem sendenden Server unter "Zwischenzertifizierungsstellen" (KB 3212877).',
  },
  'chain.internalIssuer': {
    en: 'The issuer {missing} of {subject} looks like an internal (enterprise) certificate authority by its name ({reasons}); its certificate was not supplied, so the chain was not verified. Exchange Online does not trust internal CAs: the server needs a certificate from a public CA.',
    de: 'Der Aussteller {missing} von {subject} sieht dem Namen nach wie eine interne (Unternehmens-)Zertifizierungsstelle aus ({reasons}); sein Zertifikat wurde nicht mitgegeben, daher wurde die Kette nicht geprüft. Exchange Online vertraut internen Zertifizierungsstellen nicht: Der Server braucht ein Zertifikat einer öffentlichen Zertifizierungsstelle.',
  },
  'chain.untrustedRoot': {
    en: 'Chain of {subject}: ends in the root {root}, which is not publicly trusted (internal or enterprise CA). Exchange Online does not accept it.',
    de: 'Kette von {subject}: endet in der Stammzertifizierungsstelle {root}, die nicht öffentlich vertrauenswürdig ist (eine interne oder Unternehmenszertifizierungsstelle). Exchange Online akzeptiert sie nicht.',
  },
  'chain.selfSigned': {
    en: '{subject} is self-signed: no other server, including Exchange Online, trusts it.',
    de: '{subject} ist selbstsigniert: Kein anderer Server, auch Exchange Online nicht, vertraut ihm.',
  },
  'problem.expired': {
    en: '{subject} expired on {date}.',
    de: '{subject} ist am {date} abgelaufen.',
  },
  'problem.caExpired': {
    en: 'The CA certificate {subject} expired on {date}; it is not the server certificate. If a current chain does not need it, remove it from the bundle.',
    de: 'Das CA-Zertifikat {subject} ist am {date} abgelaufen; es ist nicht das Serverzertifikat. Braucht die aktuelle Kette es nicht, entfernen Sie es aus dem Bundle.',
  },
  'problem.notYetValid': {
    en: '{subject} is not valid before {date}.',
    de: '{subject} ist erst ab {date} gültig.',
  },
  'problem.expiresSoon': {
    en: '{subject} expires on {date}, in {days} day(s): renew it in time.',
    de: '{subject} läuft am {date} ab, in {days} Tag(en): Erneuern Sie es rechtzeitig.',
  },
  'problem.weakSignature': {
    en: '{subject} is signed with {algorithm}, which is no longer accepted as secure; request a certificate signed with SHA-256.',
    de: '{subject} ist mit {algorithm} signiert, einem Verfahren, das nicht mehr als sicher gilt; fordern Sie ein mit SHA-256 signiertes Zertifikat an.',
  },
  'problem.weakKey': {
    en: '{subject} has a {size}-bit RSA key; 2048 bits is the minimum.',
    de: '{subject} hat einen RSA-Schlüssel mit {size} Bit; Minimum sind 2048 Bit.',
  },
  'problem.noServerAuth': {
    en: '{subject} lacks the "Server Authentication" purpose (EKU 1.3.6.1.5.5.7.3.1) that TLS for SMTP needs.',
    de: '{subject} fehlt der Zweck "Serverauthentifizierung" (EKU 1.3.6.1.5.5.7.3.1), den TLS für SMTP braucht.',
  },
  'problem.nameMismatch': {
    en: 'None of the certificates covers {host}.',
    de: 'Keines der Zertifikate deckt {host} ab.',
  },
  'pair.verified': {
    en: 'Two certificates cover {fqdn}: {trustedSubject} ({trustedThumbprint}) chains to a public root; {untrustedSubject} ({untrustedThumbprint}) comes from {untrustedIssuer}, a CA that Exchange Online does not trust. Files do not show which services a certificate is enabled for: if both are enabled for SMTP, Exchange can use the internal one (KB 2888788), and the send connector to Exchange Online must then be set to {trustedThumbprint}, not {untrustedThumbprint}.',
    de: 'Zwei Zertifikate decken {fqdn} ab: {trustedSubject} ({trustedThumbprint}) führt zu einer öffentlichen Stammzertifizierungsstelle; {untrustedSubject} ({untrustedThumbprint}) stammt von {untrustedIssuer}, einer Zertifizierungsstelle, der Exchange Online nicht vertraut. Dateien zeigen nicht, für welche Dienste ein Zertifikat aktiviert ist: Sind beide für SMTP aktiviert, kann Exchange das interne verwenden (KB 2888788), und der Sendeconnector zu Exchange Online muss dann auf {trustedThumbprint} festgelegt werden, nicht auf {untrustedThumbprint}.',
  },
  'pair.issuerLooksPublic': {
    en: 'Two certificates cover {fqdn}: the issuer of {trustedSubject} ({trustedThumbprint}) has a name that looks like a public CA (chain not verified: its issuer certificate was not among the files); {untrustedSubject} ({untrustedThumbprint}) comes from {untrustedIssuer}, a CA that Exchange Online does not trust. Files do not show which services a certificate is enabled for: if both are enabled for SMTP, Exchange can use the internal one (KB 2888788), and the send connector to Exchange Online must then be set to {trustedThumbprint}, not {untrustedThumbprint}.',
    de: 'Zwei Zertifikate decken {fqdn} ab: Der Aussteller von {trustedSubject} ({trustedThumbprint}) hat einen Namen wie eine öffentliche Zertifizierungsstelle (Kette nicht geprüft: das Zertifikat des Ausstellers war nicht unter den Dateien); {untrustedSubject} ({untrustedThumbprint}) stammt von {untrustedIssuer}, einer Zertifizierungsstelle, der Exchange Online nicht vertraut. Dateien zeigen nicht, für welche Dienste ein Zertifikat aktiviert ist: Sind beide für SMTP aktiviert, kann Exchange das interne verwenden (KB 2888788), und der Sendeconnector zu Exchange Online muss dann auf {trustedThumbprint} festgelegt werden, nicht auf {untrustedThumbprint}.',
  },
  'pair.notVerified': {
    en: 'Two certificates cover {fqdn}: {trustedSubject} ({trustedThumbprint}), whose chain could not be verified (its issuer was not among the files), and {untrustedSubject} ({untrustedThumbprint}) from {untrustedIssuer}, a CA that Exchange Online does not trust. Files do not show which services a certificate is enabled for: if both are enabled for SMTP, Exchange can use the internal one (KB 2888788). Upload the issuer of {trustedThumbprint} to check that it is public.',
    de: 'Zwei Zertifikate decken {fqdn} ab: {trustedSubject} ({trustedThumbprint}), dessen Kette sich nicht prüfen ließ (sein Aussteller war nicht unter den Dateien), und {untrustedSubject} ({untrustedThumbprint}) von {untrustedIssuer}, einer Zertifizierungsstelle, der Exchange Online nicht vertraut. Dateien zeigen nicht, für welche Dienste ein Zertifikat aktiviert ist: Sind beide für SMTP aktiviert, kann Exchange das interne verwenden (KB 2888788). Laden Sie den Aussteller von {trustedThumbprint} hoch, um zu prüfen, ob es öffentlich ist.',
  },
  'internal.noPublicTwin': {
    en: '{subject} ({thumbprint}) comes from {issuer}, an internal CA, and none of the files is a public certificate for the same name. Exchange Online never trusts an internal CA, so this alone is not KB 2888788: the server needs a certificate from a public CA for this name, enabled for SMTP and chosen in the Hybrid Configuration Wizard. If the server also has a public certificate for this name, upload it as well.',
    de: '{subject} ({thumbprint}) stammt von {issuer}, einer internen Zertifizierungsstelle, und keine der Dateien ist ein öffentliches Zertifikat für denselben Namen. Exchange Online vertraut internen Zertifizierungsstellen nie, daher ist das allein nicht KB 2888788: Der Server braucht für diesen Namen ein Zertifikat einer öffentlichen Zertifizierungsstelle, für SMTP aktiviert und im Assistenten für die Hybridkonfiguration ausgewählt. Hat der Server für diesen Namen auch ein öffentliches Zertifikat, laden Sie es ebenfalls hoch.',
  },

  // ---- reasons an issuer looks internal (list items, joined with "; ") ---------------
  'reason.root-not-public': {
    en: 'its root is not in the public root store',
    de: 'seine Stammzertifizierungsstelle ist nicht im öffentlichen Stammzertifikatspeicher',
  },
  'reason.dc-components': {
    en: 'the issuer name has DC= (Active Directory domain) parts',
    de: 'der Ausstellername enthält DC=-Teile (Active-Directory-Domäne)',
  },
  'reason.internal-domain-name': {
    en: 'it uses an internal name such as .local, .corp, .lan or .internal',
    de: 'er verwendet einen internen Namen wie .local, .corp, .lan oder .internal',
  },
  'reason.ad-cs-ldap-url': {
    en: 'the certificate points to its issuer with an ldap:/// address, as Active Directory Certificate Services does',
    de: 'das Zertifikat verweist mit einer ldap:///-Adresse auf seinen Aussteller, wie es die Active-Directory-Zertifikatdienste tun',
  },
  'reason.ad-cs-ca-name': {
    en: 'the name follows the Active Directory Certificate Services pattern <name>-CA',
    de: 'der Name folgt dem Muster <Name>-CA der Active-Directory-Zertifikatdienste',
  },
} satisfies Record<string, LocalizedText>;

export type CatalogueKey = keyof typeof catalogue;
export type MessageParams = Record<string, string | number>;

/** Fills `{name}` placeholders; unknown placeholders stay visible rather than vanish. */
function fill(template: string, params: MessageParams): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

/** The message in both languages, placeholders filled. */
export function localized(key: CatalogueKey, params: MessageParams = {}): LocalizedText {
  const entry: LocalizedText = catalogue[key];
  return { en: fill(entry.en, params), de: fill(entry.de, params) };
}

/** The message in one language, placeholders filled. */
export function message(key: CatalogueKey, language: Language, params: MessageParams = {}): string {
  return fill(catalogue[key][language], params);
}
