/**
 * Get-Queue | fl, for what the queue says about where mail goes:
 *   Identity      : EX19-01\21
 *   DeliveryType  : SmartHostConnectorDelivery
 *   NextHopDomain : outbound to office 365 - 61b1d24e-8f1c-4a2e-9d7b-3c5e6f7a8b9c
 * A queue of a smart-host send connector is named after the connector (NextHopDomain is the
 * connector's name, lower case), and its Identity starts with the server's name: the send-side
 * causes fill their commands with both. Nothing here is evidence for a cause on its own.
 */
import { finding, type Extractor } from './extractor';
import type { Finding } from '../types';

const FIELD = /^\s{0,8}(Identity|DeliveryType|NextHopDomain)\s{0,40}:\s?(.{1,200})$/i;
const SERVER = /^([A-Za-z0-9][A-Za-z0-9-]{0,14})\\\d{1,6}$/;

export const queueListingExtractor: Extractor = {
  name: 'queue-listing',
  extract({ lines, lower }) {
    if (!lower.includes('nexthopdomain') && !lower.includes('deliverytype')) return [];
    const out: Finding[] = [];
    let queue: { server?: string; smartHost?: boolean; nextHop?: string; line: string } | undefined;
    const flush = () => {
      if (queue && (queue.server || (queue.smartHost && queue.nextHop)))
        out.push(
          finding('queue', queue.server ?? queue.nextHop!, queue.line, 'queue-listing', {
            server: queue.server,
            connector: queue.smartHost ? queue.nextHop : undefined,
          }),
        );
      queue = undefined;
    };
    for (const line of lines) {
      const m = line.length < 260 ? FIELD.exec(line) : null;
      if (!m) {
        if (line.trim() === '') flush();
        continue;
      }
      const key = m[1].toLowerCase();
      const value = m[2].trim();
      queue ??= { line: line.trim() };
      if (key === 'identity') queue.server = SERVER.exec(value)?.[1];
      else if (key === 'deliverytype') queue.smartHost = /^SmartHostConnectorDelivery$/i.test(value);
      else queue.nextHop = value;
    }
    flush();
    return out.slice(0, 5);
  },
};
