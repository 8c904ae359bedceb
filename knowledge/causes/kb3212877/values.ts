/**
 * KB 3212877's values: the intermediate certificate the server does not send (its name, where to
 * download it, the file to import), the server's own certificate, and a public name to test with openssl.
 */
import type { Finding } from '../../types';
import type { CauseValuesFunction } from '../../knowledgeBase';
import { intermediateFileName } from '../../certificates/exchangeCommands';
import { cnOf, ofKind, publicHost, safeName, str } from '../../render/valueHelpers';

const DOWNLOAD_URL = /^https?:\/\/[A-Za-z0-9.-]{1,253}(?::\d{1,5})?\/[A-Za-z0-9._~/%-]{0,300}$/;

export const values: CauseValuesFunction = (findings: Finding[]) => {
  const incomplete = ofKind(findings, 'chain-incomplete');
  const chain = incomplete.find((f) => f.data?.missingIssuer) ?? incomplete[0];
  const url = str(chain, 'aiaUrl');
  const missingIssuerUrl = url && DOWNLOAD_URL.test(url) ? url : undefined;
  const file = intermediateFileName(missingIssuerUrl);
  return {
    missingIssuer: safeName(str(chain, 'missingIssuer')),
    missingIssuerCN: cnOf(str(chain, 'missingIssuer')),
    missingIssuerUrl,
    endEntity: safeName(str(chain, 'endEntity')),
    // The article's example path stays when the file's name is not known.
    intermediateFilePath: file !== 'intermediateca.cer' ? `c:\\import\\${file}` : undefined,
    publicHost: publicHost(findings),
  };
};
