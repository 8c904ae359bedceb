/**
 * @peculiar/x509 needs reflect-metadata loaded before it and a WebCrypto provider.
 * Every module of this folder imports x509 from here so that the setup happens once,
 * whatever module is loaded first.
 */
import 'reflect-metadata';
import { webcrypto } from 'crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export { x509 };
